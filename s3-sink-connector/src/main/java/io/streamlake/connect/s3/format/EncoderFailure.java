package io.streamlake.connect.s3.format;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The encoder itself failed on a record it had already accepted as valid (mapped to Avro without error). Parquet
 * marks its writer aborted then, and a file closed after that would lose its buffered rows, so this is never a
 * bad record for the dead-letter queue: the task fails and the epoch is replayed from the committed offset.
 */
public final class EncoderFailure extends ConnectException {

  private static final long serialVersionUID = 1L;

  public EncoderFailure(String format, String record, RuntimeException cause) {
    super("The " + format + " encoder failed on " + record + " after its value mapped cleanly; the open file"
        + " cannot be published, so the task stops and the epoch is rewritten from the committed offset: "
        + cause, cause);
  }
}
