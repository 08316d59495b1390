package io.streamlake.connect.gsr;

import io.streamlake.common.aws.AwsRetryClassifier;
import io.streamlake.common.retry.RetryClassifier;

/**
 * Which Glue failures a retry can cure: throttling, 5xx answers, client-side I/O, and a schema version still
 * {@code PENDING} (its compatibility check has not finished). Everything else (EntityNotFound, AccessDenied,
 * InvalidInput) fails at once. All but the PENDING rule, and how a failure reads, are common's
 * {@link AwsRetryClassifier}.
 */
final class GlueErrors implements RetryClassifier {

  private static final AwsRetryClassifier AWS = new AwsRetryClassifier();

  /** A registered schema version whose status is still PENDING: polled again like a transient failure. */
  static final class StillPending extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StillPending(String schemaVersionId) {
      super("schema version " + schemaVersionId + " is still PENDING");
    }
  }

  @Override
  public boolean isTransient(Throwable failure) {
    return failure instanceof StillPending || AWS.isTransient(failure);
  }

  @Override
  public String describe(Throwable failure) {
    return AWS.describe(failure);
  }
}
