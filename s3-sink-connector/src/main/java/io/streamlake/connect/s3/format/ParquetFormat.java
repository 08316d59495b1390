package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.config.ParquetCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.kafka.connect.sink.SinkRecord;

/** Parquet through parquet-avro, written to our own {@link StreamOutputFile} (no Hadoop FileSystem). */
public final class ParquetFormat implements RecordFormat {

  private final ParquetCodec codec;
  private final int rowGroupSize;
  private final ValueSchemas schemas;
  private final AvroValueMapper values = new AvroValueMapper();

  public ParquetFormat(ParquetCodec codec, int rowGroupSize, AvroSchemaMapper mapper, Schema schemaless) {
    this.codec = codec;
    this.rowGroupSize = rowGroupSize;
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
  public RecordWriter open(OutputStream out, SinkRecord first) throws IOException {
    Schema schema = schemas.schemaFor(first);
    PlainParquetConfiguration conf = new PlainParquetConfiguration(Map.of(
        "parquet.avro.write-old-list-structure", "false",
        "parquet.avro.add-list-element-records", "false"));
    ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new StreamOutputFile(out, "s3"))
        .withConf(conf)
        .withSchema(schema)
        .withDataModel(GenericData.get())
        .withCompressionCodec(codec.codec())
        .withRowGroupSize((long) rowGroupSize)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
    return new ParquetRecordWriter(writer, schema, values);
  }

  private static final class ParquetRecordWriter implements RecordWriter {
    private final ParquetWriter<GenericRecord> writer;
    private final Schema schema;
    private final AvroValueMapper values;

    ParquetRecordWriter(ParquetWriter<GenericRecord> writer, Schema schema, AvroValueMapper values) {
      this.writer = writer;
      this.schema = schema;
      this.values = values;
    }

    @Override
    public void write(SinkRecord record) throws IOException {
      GenericData.Record datum = values.toRecord(record.value(), schema);
      writer.write(datum);
    }

    @Override
    public long size() {
      return writer.getDataSize();
    }

    @Override
    public long bufferedBytes() {
      return writer.getDataSize();
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
