package io.streamlake.connect.lag.cloudwatch;

import io.streamlake.common.retry.RetryClassifier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which PutMetricData failures a retry can cure (throttling, 5xx, client-side I/O), and how they read. */
public final class CloudWatchErrors implements RetryClassifier {

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
