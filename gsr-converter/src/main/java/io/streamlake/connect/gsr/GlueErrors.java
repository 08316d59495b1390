package io.streamlake.connect.gsr;

import io.streamlake.common.retry.RetryClassifier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which Glue failures a retry can cure: throttling, 5xx answers, client-side I/O, and a schema version still
 * {@code PENDING} (its compatibility check has not finished). Everything else (EntityNotFound, AccessDenied,
 * InvalidInput) fails at once.
 */
final class GlueErrors implements RetryClassifier {

  /** A registered schema version whose status is still PENDING: polled again like a transient failure. */
  static final class StillPending extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StillPending(String schemaVersionId) {
      super("schema version " + schemaVersionId + " is still PENDING");
    }
  }

  @Override
  public boolean isTransient(Throwable failure) {
    if (failure instanceof StillPending) {
      return true;
    }
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
