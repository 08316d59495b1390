package io.streamlake.connect.s3.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Runs an S3 call, retrying transient failures (throttling, 5xx, timeouts, connection resets) with
 * jittered back-off until the policy's deadline; logs a WARN with the cause on every retry.
 */
public final class Retrier {

  private static final Logger log = LoggerFactory.getLogger(Retrier.class);

  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;

  public Retrier(RetryPolicy policy, Clock clock, Sleeper sleeper) {
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Sleeps; a seam for tests. */
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  public <T> T call(String operation, String bucket, String key, Supplier<T> call) {
    long deadline = clock.millis() + policy.deadlineMs();
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!isTransient(e)) {
          throw new StoreException(operation + " s3://" + bucket + "/" + key + " failed: " + describe(e), e);
        }
        long backoff = policy.backoffMs(attempt);
        if (clock.millis() + backoff > deadline) {
          throw new StoreException(operation + " s3://" + bucket + "/" + key + " failed after " + attempt
              + " attempts within s3.retry.deadline.ms=" + policy.deadlineMs() + ": " + describe(e), e);
        }
        log.warn("{} s3://{}/{} attempt {} failed ({}); retrying in {} ms", operation, bucket, key, attempt,
            describe(e), backoff);
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new StoreException(operation + " s3://" + bucket + "/" + key + " interrupted while retrying", e);
        }
      }
    }
  }

  /**
   * S3 error codes that say "try again", whatever the HTTP status they come with: S3 sends {@code RequestTimeout}
   * and {@code RequestTimeTooSkewed} as 400/403, {@code PriorRequestNotComplete} as 503, and a
   * {@code CompleteMultipartUpload} can fail with {@code InternalError} in the body of a 200 answer. As the
   * SDK's own retry conditions, the code decides, not only the status.
   */
  static final Set<String> TRANSIENT_CODES = Set.of("RequestTimeout", "RequestTimeoutException",
      "PriorRequestNotComplete", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "SlowDown",
      "SlowDownRead", "SlowDownWrite", "Throttling", "ThrottlingException", "ThrottledException",
      "RequestThrottled", "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
      "BandwidthLimitExceeded", "TransactionInProgressException", "OperationAborted", "EC2ThrottledException",
      "ProvisionedThroughputExceededException", "ConditionalRequestConflict");

  /** Whether retrying can help: throttling, server errors, timeouts and broken connections. */
  static boolean isTransient(Throwable e) {
    if (e instanceof SdkServiceException service) {
      String code = errorCode(service);
      if (code != null && TRANSIENT_CODES.contains(code)) {
        return true;
      }
      int status = service.statusCode();
      if (status == 501) {
        return false; // NotImplemented: the store does not offer the operation at all
      }
      return status >= 500 || status == 429 || status == 408 || service.isThrottlingException()
          || service.retryable();
    }
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return true;
    }
    if (e instanceof UncheckedIOException) {
      return true;
    }
    if (!(e instanceof SdkClientException)) {
      return false;
    }
    // A client error is transient only when the network failed (reset, refused, timed out); not, for
    // example, when no credentials could be found.
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketException || cause instanceof SocketTimeoutException
          || cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String errorCode(SdkServiceException service) {
    return service instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode() : null;
  }

  static String describe(Throwable e) {
    if (e instanceof SdkServiceException service) {
      String code = errorCode(service);
      return "HTTP " + service.statusCode() + (code == null ? "" : " " + code);
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
