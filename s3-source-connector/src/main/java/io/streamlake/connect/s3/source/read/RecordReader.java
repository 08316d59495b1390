package io.streamlake.connect.s3.source.read;

import java.io.Closeable;
import java.io.IOException;

/** Reads the records of one stored file (and its side files) in file order. Not thread-safe. */
public interface RecordReader extends Closeable {

  /**
   * The next record, or null at the end.
   *
   * @throws org.apache.kafka.connect.errors.DataException naming the object on bad content
   */
  StoredRecord next() throws IOException;
}
