package io.streamlake.connect.s3.storage;

import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryFailure;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs one S3 call through the shared {@link Retrier} (S3 error classification, jittered back-off until
 * {@code s3.retry.deadline.ms}, a WARN per retry) and turns a call it gives up on into a
 * {@link StoreException} naming the bucket, key and cause.
 */
public final class S3Calls {

  private final Retrier retrier;

  public S3Calls(Retrier retrier) {
    this.retrier = retrier;
  }

  public <T> T call(String operation, String bucket, String key, Supplier<T> call) {
    String what = operation + " s3://" + bucket + "/" + key;
    try {
      return retrier.call(what, call);
    } catch (RetryFailure failure) {
      String message = switch (failure.reason()) {
        case NOT_TRANSIENT -> what + " failed: " + failure.causeText();
        case EXHAUSTED -> what + " failed after " + failure.attempts() + " attempts within s3.retry.deadline.ms="
            + retrier.policy().deadlineMs() + ": " + failure.causeText();
        case INTERRUPTED -> what + " interrupted while retrying";
      };
      throw new StoreException(message, failure.getCause());
    }
  }

  /** A read of {@code key}, retried like {@link #call}; empty when the key does not exist (404). */
  public <T> Optional<T> ifExists(String operation, String bucket, String key, Supplier<T> read) {
    return call(operation, bucket, key, () -> {
      try {
        return Optional.of(read.get());
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  /** How {@code failure} reads in a log line. */
  public String describe(Throwable failure) {
    return retrier.classifier().describe(failure);
  }
}
