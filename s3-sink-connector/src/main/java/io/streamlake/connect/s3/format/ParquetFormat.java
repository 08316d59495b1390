package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.config.ParquetCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.kafka.connect.sink.SinkRecord;

/** Parquet through parquet-avro, written to our own {@link StreamOutputFile} (no Hadoop FileSystem). */
public final class ParquetFormat implements RecordFormat {

  private final ParquetCodec codec;
  private final int rowGroupSize;
  private final ValueSchemas schemas;
  private final AvroValueMapper values = new AvroValueMapper();
  private final SharedCodecs codecs = new SharedCodecs(PAGE_SIZE);

  /** Parquet's default page size; also the size of the (shared) compressor buffer. */
  private static final int PAGE_SIZE = 1024 * 1024;

  private final boolean dictionary;
  /** Learns the columns a dictionary does not pay off for; null when not adaptive. */
  private final DictionaryAdvisor advisor;
  private final long compactMaxBytes;

  /**
   * @param compactMaxBytes a file keeps its rows as compact Avro binary until they take more than this, then
   *     streams through Parquet's writer ({@link CompactRowWriter}); 0 streams from the first row
   * @param adaptiveDictionary with {@code dictionary}, skip the dictionary on the columns where it did not pay off
   *     in the previous file of the same schema ({@link DictionaryAdvisor})
   */
  public ParquetFormat(ParquetCodec codec, int rowGroupSize, boolean dictionary, boolean adaptiveDictionary,
      long compactMaxBytes, AvroSchemaMapper mapper, Schema schemaless) {
    this.codec = codec;
    this.rowGroupSize = rowGroupSize;
    this.dictionary = dictionary;
    this.advisor = dictionary && adaptiveDictionary ? new DictionaryAdvisor() : null;
    this.compactMaxBytes = compactMaxBytes;
    this.schemas = new ValueSchemas(mapper, schemaless, "Parquet");
  }

  @Override
  public String extension() {
    return codec.extension();
  }

  @Override
  public boolean bindsSchema() {
    return true;
  }

  @Override
  public void close() {
    codecs.close();
  }

  @Override
  public RecordWriter open(OutputStream out, SinkRecord first) throws IOException {
    Schema schema = schemas.schemaFor(first);
    // Fail now on a schema Parquet cannot take (e.g. a struct without fields), not when the file is cut.
    new AvroSchemaConverter(configuration()).convert(schema);
    return new CompactRowWriter(schema, r -> values.toRecord(r.value(), schema), "Parquet", compactMaxBytes,
        () -> encoder(out, schema));
  }

  private RowEncoder encoder(OutputStream out, Schema schema) throws IOException {
    Set<String> plain = advisor == null ? Set.of() : advisor.plainColumns(schema);
    AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(
        new StreamOutputFile(out, "s3"))
        .withConf(configuration())
        .withSchema(schema)
        .withDataModel(GenericData.get())
        .withCompressionCodec(codec.codec())
        .withCodecFactory(codecs)
        .withPageSize(PAGE_SIZE)
        .withDictionaryEncoding(dictionary)
        .withRowGroupSize((long) rowGroupSize)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    for (String column : plain) {
      builder.withDictionaryEncoding(column, false);
    }
    ParquetWriter<GenericRecord> writer = builder.build();
    long overhead = FILE_OVERHEAD + leafColumns(schema) * (dictionary ? COLUMN_OVERHEAD_DICTIONARY : COLUMN_OVERHEAD);
    Consumer<ParquetMetadata> written = advisor == null ? footer -> { } : footer -> advisor.learn(schema, plain, footer);
    return new ParquetEncoder(writer, overhead, written);
  }

  private static PlainParquetConfiguration configuration() {
    return new PlainParquetConfiguration(Map.of(
        "parquet.avro.write-old-list-structure", "false",
        "parquet.avro.add-list-element-records", "false"));
  }

  /*
   * Heap an open Parquet file holds before any data, measured on Parquet 1.16 (MemoryScenario): per leaf
   * column about 3 KiB of writer state, plus 16 KiB of dictionary buffers when dictionary encoding is on.
   */
  private static final long FILE_OVERHEAD = 4 * 1024;
  private static final long COLUMN_OVERHEAD = 3 * 1024;
  private static final long COLUMN_OVERHEAD_DICTIONARY = 19 * 1024;

  /** Number of Parquet leaf columns an Avro schema becomes. */
  static int leafColumns(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> schema.getFields().stream().mapToInt(f -> leafColumns(f.schema())).sum();
      case UNION -> schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL)
          .mapToInt(ParquetFormat::leafColumns).sum();
      case ARRAY -> leafColumns(schema.getElementType());
      case MAP -> 1 + leafColumns(schema.getValueType());
      default -> 1;
    };
  }

  private static final class ParquetEncoder implements RowEncoder {
    private final ParquetWriter<GenericRecord> writer;
    private final long overhead;
    private final Consumer<ParquetMetadata> written;

    ParquetEncoder(ParquetWriter<GenericRecord> writer, long overhead, Consumer<ParquetMetadata> written) {
      this.writer = writer;
      this.overhead = overhead;
      this.written = written;
    }

    @Override
    public void write(Object row) throws IOException {
      writer.write((GenericRecord) row);
    }

    @Override
    public long size() {
      return writer.getDataSize();
    }

    @Override
    public long bufferedBytes() {
      return overhead + writer.getDataSize();
    }

    @Override
    public void close() throws IOException {
      writer.close();
      written.accept(writer.getFooter());
    }
  }
}
