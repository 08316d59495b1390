package io.streamlake.connect.s3.storage;

import org.apache.kafka.connect.errors.ConnectException;

/** An object-store operation failed for good: retries ran out or the error is not transient. */
public class StoreException extends ConnectException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
