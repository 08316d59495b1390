package io.streamlake.connect.s3.storage;

import io.streamlake.common.retry.RetryClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which S3 failures a retry can cure: the S3 error code decides first, then the HTTP status (throttling,
 * 5xx except 501, 408, 429), then timeouts and broken connections; and how a failure reads in a log line
 * ({@code HTTP 503 SlowDown}).
 */
public final class S3ErrorClassifier implements RetryClassifier {

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
  @Override
  public boolean isTransient(Throwable e) {
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

  /** {@code HTTP <status> <code>} for service errors, the class and first message line otherwise. */
  @Override
  public String describe(Throwable e) {
    if (e instanceof SdkServiceException service) {
      String code = errorCode(service);
      return "HTTP " + service.statusCode() + (code == null ? "" : " " + code);
    }
    return RetryClassifier.super.describe(e);
  }

  private static String errorCode(SdkServiceException service) {
    return service instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode() : null;
  }
}
