package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.config.AvroCodec;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.kafka.connect.sink.SinkRecord;

/** Avro object container files. */
public final class AvroFormat implements RecordFormat {

  private final AvroCodec codec;
  private final ValueSchemas schemas;
  private final AvroValueMapper values = new AvroValueMapper();

  private final long compactMaxBytes;
  /** Files whose datums are the values themselves, not records (the keys and headers side files): null otherwise. */
  private final AvroSchemaMapper bare;

  /**
   * @param compactMaxBytes a file keeps its rows as compact Avro binary until they take more than this, then
   *     streams through Avro's container writer ({@link CompactRowWriter}); 0 streams from the first row
   */
  public AvroFormat(AvroCodec codec, long compactMaxBytes, AvroSchemaMapper mapper, Schema schemaless) {
    this.codec = codec;
    this.compactMaxBytes = compactMaxBytes;
    this.schemas = new ValueSchemas(mapper, schemaless, "Avro");
    this.bare = null;
  }

  private AvroFormat(AvroCodec codec, long compactMaxBytes, AvroSchemaMapper mapper) {
    this.codec = codec;
    this.compactMaxBytes = compactMaxBytes;
    this.schemas = null;
    this.bare = mapper;
  }

  /**
   * Files whose top-level Avro schema is the value's own schema, a primitive or array included, with no wrapping
   * record: the layout of Confluent's Avro keys and headers files. Every value needs a Connect schema.
   */
  public static AvroFormat bare(AvroCodec codec, long compactMaxBytes, AvroSchemaMapper mapper) {
    return new AvroFormat(codec, compactMaxBytes, mapper);
  }

  @Override
  public String extension() {
    return ".avro";
  }

  @Override
  public boolean bindsSchema() {
    return true;
  }

  @Override
  public RecordWriter open(OutputStream out, SinkRecord first) throws IOException {
    if (bare != null) {
      Schema schema = bare.toAvroBare(first.valueSchema());
      return new CompactRowWriter(schema, r -> values.toDatum(r.value(), schema), "Avro", compactMaxBytes,
          () -> encoder(out, schema));
    }
    Schema schema = schemas.schemaFor(first);
    return new CompactRowWriter(schema, r -> values.toRecord(r.value(), schema), "Avro", compactMaxBytes,
        () -> encoder(out, schema));
  }

  private RowEncoder encoder(OutputStream out, Schema schema) throws IOException {
    CountingOutputStream counting = new CountingOutputStream(out);
    DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema, GenericData.get()));
    writer.setCodec(codecFactory());
    writer.create(schema, counting);
    return new AvroEncoder(writer, counting);
  }

  private CodecFactory codecFactory() {
    return switch (codec) {
      case NULL -> CodecFactory.nullCodec();
      case DEFLATE -> CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
      case SNAPPY -> CodecFactory.snappyCodec();
      case ZSTANDARD -> CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL);
    };
  }

  /**
   * Heap of Avro's container writer, allocated when it opens: its block buffer (1.25 x the 64,000-byte sync
   * interval, which holds the pending rows) and its encoder's buffer.
   */
  private static final long WRITER_BYTES = 82 * 1024;

  private static final class AvroEncoder implements RowEncoder {
    private final DataFileWriter<Object> writer;
    private final CountingOutputStream counting;
    private long pending;

    AvroEncoder(DataFileWriter<Object> writer, CountingOutputStream counting) {
      this.writer = writer;
      this.counting = counting;
    }

    @Override
    public void write(Object row) throws IOException {
      long before = counting.count();
      writer.append(row);
      // Avro buffers a block (64 KiB by default) before it reaches the stream; estimate it.
      pending = counting.count() == before ? pending + 64 : 0;
    }

    @Override
    public long size() {
      return counting.count() + pending;
    }

    @Override
    public long bufferedBytes() {
      return WRITER_BYTES;
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
