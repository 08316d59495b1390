package io.streamlake.connect.s3.format;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.kafka.connect.sink.SinkRecord;

/** A file format: opens writers that encode records onto a stream. Stateless and thread-safe. */
public interface RecordFormat {

  /** File name extension including the dot, e.g. {@code .snappy.parquet}. */
  String extension();

  /** Whether a file is bound to one value schema (Parquet, Avro), so schema changes matter. */
  boolean bindsSchema();

  /**
   * Opens a writer for a new file whose first record is {@code first} (it fixes the file's schema).
   * Nothing of {@code first} is written yet.
   */
  RecordWriter open(OutputStream out, SinkRecord first) throws IOException;

  /** Releases resources shared by this format's writers; called when the task stops. */
  default void close() {
  }
}
