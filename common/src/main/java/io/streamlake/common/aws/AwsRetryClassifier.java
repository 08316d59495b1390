package io.streamlake.common.aws;

import io.streamlake.common.retry.RetryClassifier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The {@link RetryClassifier} of calls made with an AWS SDK v2 client whose own retries are off: throttling, HTTP
 * 5xx answers and client-side failures ({@link SdkClientException}: I/O, timeouts) are transient, every other
 * service error (not found, access denied, invalid input) is not. A service error reads as
 * {@code <status> <error code>: <error message>} (names and ARNs, never a request's values). A component with its
 * own transient failures composes it instead of copying it.
 */
public final class AwsRetryClassifier implements RetryClassifier {

  @Override
  public boolean isTransient(Throwable failure) {
    if (failure instanceof AwsServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    return failure instanceof SdkClientException;
  }

  @Override
  public String describe(Throwable failure) {
    if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.statusCode() + " " + service.awsErrorDetails().errorCode() + ": "
          + service.awsErrorDetails().errorMessage();
    }
    return RetryClassifier.super.describe(failure);
  }
}
