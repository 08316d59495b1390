package io.streamlake.connect.config;

import io.streamlake.common.retry.RetryFailure;
import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The {@link ConfigException} a failed resolution becomes: it names the reference and the service's error, never a
 * value (an AWS error message holds names and ARNs, not secret values). Which failures a retry can cure, and how they
 * read, is common's {@link io.streamlake.common.aws.AwsRetryClassifier}.
 */
final class AwsErrors {

  private AwsErrors() {}

  /** The error code of an AWS failure ({@code ResourceNotFoundException}, ...), or empty. */
  static String errorCode(Throwable failure) {
    if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return "";
  }

  private static boolean isDenied(Throwable cause, String code) {
    boolean forbidden = cause instanceof AwsServiceException service && service.statusCode() == 403;
    return forbidden || code.contains("AccessDenied") || code.equals("UnrecognizedClientException")
        || code.contains("InvalidSignature") || code.equals("SignatureDoesNotMatch")
        || code.equals("InvalidAccessKeyId") || code.equals("ExpiredTokenException");
  }

  /**
   * The exception a failed call for {@code reference} becomes. {@code notFound} says what is missing when the
   * service answered that the resource does not exist.
   */
  static ConfigException failed(Reference reference, RetryFailure failure, String notFound) {
    Throwable cause = failure.getCause();
    String code = errorCode(cause);
    String what;
    if (code.contains("NotFound") || code.equals("NoSuchKey") || code.equals("NoSuchBucket")) {
      what = notFound + " (" + failure.causeText() + ")";
    } else if (isDenied(cause, code)) {
      what = "access denied (" + failure.causeText() + ")";
    } else if (failure.reason() == RetryFailure.Reason.EXHAUSTED) {
      what = "failed after " + failure.attempts() + " attempts (" + failure.causeText() + ")";
    } else {
      what = "failed (" + failure.causeText() + ")";
    }
    return new ConfigException("Could not resolve ${" + reference + "}: " + what);
  }
}
