package io.streamlake.connect.s3.format;

import java.io.IOException;
import org.apache.kafka.connect.sink.SinkRecord;

/** Writes the records of one file. Not thread-safe. */
public interface RecordWriter {

  /**
   * Appends a record.
   *
   * @throws org.apache.kafka.connect.errors.DataException when the record cannot be encoded; the file is
   *     then unchanged, so the caller can route the record to the errant-record reporter and go on
   */
  default void write(SinkRecord record) throws IOException {
    prepare(record).append();
  }

  /**
   * Converts a record into this file's row without writing it, so that a file and its side files can check a
   * record before any of them takes it.
   *
   * @throws org.apache.kafka.connect.errors.DataException when the record cannot be encoded; the file is unchanged
   */
  Prepared prepare(SinkRecord record);

  /** A record converted to a row of one file, appended when every file of the record accepted it. */
  @FunctionalInterface
  interface Prepared {
    /** Appends the row; a failure here is the encoder's or the stream's, not the record's. */
    void append() throws IOException;
  }

  /** Bytes produced so far, written to the stream or still buffered by the encoder. */
  long size();

  /** Heap held by the encoder: its fixed state plus bytes not yet on the stream (an estimate). */
  long bufferedBytes();

  /** Finishes the file (footer, flush). The stream is closed too. */
  void close() throws IOException;

  /** Drops the file without finishing it (its upload is aborted): releases what the writer holds. Never throws. */
  default void abort() {
    try {
      close(); // writes to an aborted upload fail, which is fine: the data is being discarded anyway
    } catch (IOException | RuntimeException ignored) {
      // the data is being discarded anyway
    }
  }
}
