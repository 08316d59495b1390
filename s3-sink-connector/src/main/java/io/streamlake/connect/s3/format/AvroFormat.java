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

  public AvroFormat(AvroCodec codec, AvroSchemaMapper mapper, Schema schemaless) {
    this.codec = codec;
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
    CountingOutputStream counting = new CountingOutputStream(out);
    DataFileWriter<GenericData.Record> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema, GenericData.get()));
    writer.setCodec(codecFactory());
    writer.create(schema, counting);
    return new AvroRecordWriter(writer, counting, schema, values);
  }

  private CodecFactory codecFactory() {
    return switch (codec) {
      case NULL -> CodecFactory.nullCodec();
      case DEFLATE -> CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
      case SNAPPY -> CodecFactory.snappyCodec();
      case ZSTANDARD -> CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL);
    };
  }

  private static final class AvroRecordWriter implements RecordWriter {
    private final DataFileWriter<GenericData.Record> writer;
    private final CountingOutputStream counting;
    private final Schema schema;
    private final AvroValueMapper values;
    private long pending;

    AvroRecordWriter(DataFileWriter<GenericData.Record> writer, CountingOutputStream counting, Schema schema,
        AvroValueMapper values) {
      this.writer = writer;
      this.counting = counting;
      this.schema = schema;
      this.values = values;
    }

    @Override
    public void write(SinkRecord record) throws IOException {
      GenericData.Record datum = values.toRecord(record.value(), schema);
      long before = counting.count();
      try {
        writer.append(datum);
      } catch (RuntimeException e) {
        throw new EncoderFailure("Avro", record.topic() + "-" + record.kafkaPartition() + "@"
            + record.kafkaOffset(), e);
      }
      // Avro buffers a block (64 KiB by default) before it reaches the stream; estimate it.
      pending = counting.count() == before ? pending + 64 : 0;
    }

    @Override
    public long size() {
      return counting.count() + pending;
    }

    @Override
    public long bufferedBytes() {
      return pending;
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
