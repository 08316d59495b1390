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

  /**
   * @param compactMaxBytes a file keeps its rows as compact Avro binary until they take more than this, then
   *     streams through Avro's container writer ({@link CompactRowWriter}); 0 streams from the first row
   */
  public AvroFormat(AvroCodec codec, long compactMaxBytes, AvroSchemaMapper mapper, Schema schemaless) {
    this.codec = codec;
    this.compactMaxBytes = compactMaxBytes;
    this.schemas = new ValueSchemas(mapper, schemaless, "Avro");
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
    Schema schema = schemas.schemaFor(first);
    return new CompactRowWriter(schema, values, "Avro", compactMaxBytes, () -> encoder(out, schema));
  }

  private RowEncoder encoder(OutputStream out, Schema schema) throws IOException {
    CountingOutputStream counting = new CountingOutputStream(out);
    DataFileWriter<GenericData.Record> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema, GenericData.get()));
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
    private final DataFileWriter<GenericData.Record> writer;
    private final CountingOutputStream counting;
    private long pending;

    AvroEncoder(DataFileWriter<GenericData.Record> writer, CountingOutputStream counting) {
      this.writer = writer;
      this.counting = counting;
    }

    @Override
    public void write(GenericData.Record row) throws IOException {
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
