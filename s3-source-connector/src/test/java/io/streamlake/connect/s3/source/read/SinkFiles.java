package io.streamlake.connect.s3.source.read;

import io.streamlake.connect.s3.config.AvroCodec;
import io.streamlake.connect.s3.config.JsonCompression;
import io.streamlake.connect.s3.config.ParquetCodec;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.format.AvroFormat;
import io.streamlake.connect.s3.format.AvroSchemaMapper;
import io.streamlake.connect.s3.format.JsonLinesFormat;
import io.streamlake.connect.s3.format.ParquetFormat;
import io.streamlake.connect.s3.format.RecordFormat;
import io.streamlake.connect.s3.format.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** Writes files with the sink's own formats, exactly as its tasks do, into a local directory. */
final class SinkFiles {

  /** The sink's formats, each with the object key ending the sink gives it. */
  enum Kind {
    PARQUET, AVRO, JSON, JSON_GZIP;

    RecordFormat format() {
      AvroSchemaMapper mapper = new AvroSchemaMapper(38);
      long compact = S3SinkConfig.COMPACT_MAX_DEFAULT;
      return switch (this) {
        case PARQUET -> new ParquetFormat(ParquetCodec.SNAPPY, 1 << 20, true, true, compact, mapper, null);
        case AVRO -> new AvroFormat(AvroCodec.DEFLATE, compact, mapper, null);
        case JSON -> new JsonLinesFormat(JsonCompression.NONE, compact);
        case JSON_GZIP -> new JsonLinesFormat(JsonCompression.GZIP, compact);
      };
    }

    boolean json() {
      return this == JSON || this == JSON_GZIP;
    }
  }

  private SinkFiles() {}

  /** Writes the values (with their schema) as one file of {@code baseKey + extension}. */
  static StoredFile write(Path dir, Kind kind, String baseKey, Schema schema, List<?> values) throws IOException {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(new SinkRecord("t", 0, null, null, schema, values.get(i), i));
    }
    return write(dir, kind.format(), baseKey, records);
  }

  static StoredFile write(Path dir, RecordFormat format, String baseKey, List<SinkRecord> records) throws IOException {
    String key = baseKey + format.extension();
    Path path = dir.resolve(key.replace('/', '_'));
    try (OutputStream out = Files.newOutputStream(path)) {
      RecordWriter writer = format.open(out, records.get(0));
      for (SinkRecord record : records) {
        writer.write(record);
      }
      writer.close();
    } finally {
      format.close();
    }
    return new StoredFile(key, path, StoredFormat.of(key).orElseThrow());
  }

  /** Reads every record of a reader. */
  static List<StoredRecord> readAll(RecordReader reader) throws IOException {
    List<StoredRecord> out = new ArrayList<>();
    try (reader) {
      for (StoredRecord record = reader.next(); record != null; record = reader.next()) {
        out.add(record);
      }
    }
    return out;
  }
}
