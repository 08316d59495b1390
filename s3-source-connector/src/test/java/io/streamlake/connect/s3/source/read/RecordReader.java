package io.streamlake.connect.s3.source.read;

/**
 * TEST-ONLY STAND-IN for the reader API of issue 18 spec section 3 (helper srcread writes the real one in
 * src/main). Delete this file when the read package is merged.
 */
public interface RecordReader extends java.io.Closeable {
  /** The next record, or null at the end. */
  StoredRecord next() throws java.io.IOException;
}
