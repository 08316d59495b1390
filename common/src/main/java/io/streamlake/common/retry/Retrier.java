package io.streamlake.common.retry;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation, retrying the failures its {@link RetryClassifier} calls transient with the
 * {@link RetryPolicy}'s back-off until its deadline or attempt limit, with a WARN naming the operation,
 * attempt, cause and wait on every retry. Thread-safe: it holds no state between calls.
 */
public final class Retrier {

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final RetryPolicy policy;
  private final RetryClassifier classifier;
  private final LongSupplier clockMs;
  private final Sleeper sleeper;

  /**
   * @param clockMs the current time in milliseconds (a seam for tests, like {@code sleeper})
   */
  public Retrier(RetryPolicy policy, RetryClassifier classifier, LongSupplier clockMs, Sleeper sleeper) {
    this.policy = policy;
    this.classifier = classifier;
    this.clockMs = clockMs;
    this.sleeper = sleeper;
  }

  public RetryPolicy policy() {
    return policy;
  }

  public RetryClassifier classifier() {
    return classifier;
  }

  /**
   * Runs {@code call} until it returns or fails for good.
   *
   * @param operation what is attempted, for logs and messages (e.g. {@code PUT s3://bucket/key})
   * @throws RetryFailure carrying the last failure, when it is not transient or the policy is exhausted,
   *     or when interrupted while waiting
   */
  public <T> T call(String operation, Supplier<T> call) {
    long start = clockMs.getAsLong();
    long deadline = start > Long.MAX_VALUE - policy.deadlineMs() ? Long.MAX_VALUE : start + policy.deadlineMs();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        String cause = classifier.describe(e);
        if (!classifier.isTransient(e)) {
          throw new RetryFailure(operation + " failed: " + cause, RetryFailure.Reason.NOT_TRANSIENT, attempt,
              cause, e);
        }
        long backoff = policy.backoff().delayMs(attempt);
        if (attempt >= policy.maxAttempts() || clockMs.getAsLong() + backoff > deadline) {
          throw new RetryFailure(operation + " failed after " + attempt + " attempts: " + cause,
              RetryFailure.Reason.EXHAUSTED, attempt, cause, e);
        }
        LOG.warn("{} attempt {} failed ({}); retrying in {} ms", operation, attempt, cause, backoff);
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new RetryFailure(operation + " interrupted while retrying after: " + cause,
              RetryFailure.Reason.INTERRUPTED, attempt, cause, e);
        }
      }
    }
  }
}
