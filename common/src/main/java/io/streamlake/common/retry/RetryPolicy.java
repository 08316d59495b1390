package io.streamlake.common.retry;

import java.util.Objects;

/**
 * When to stop retrying: after {@code maxAttempts} attempts, or when the next back-off would end past
 * {@code deadlineMs} after the first attempt started, whichever comes first.
 *
 * @param backoff the wait before each retry
 * @param deadlineMs total time an operation may spend, {@link Long#MAX_VALUE} for none
 * @param maxAttempts attempts including the first, {@link Integer#MAX_VALUE} for no limit
 */
public record RetryPolicy(Backoff backoff, long deadlineMs, int maxAttempts) {

  public RetryPolicy {
    Objects.requireNonNull(backoff, "backoff");
    if (deadlineMs < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException("retry policy needs deadline >= 0 (" + deadlineMs
          + ") and at least one attempt (" + maxAttempts + ")");
    }
  }

  /** Retries until the deadline, however many attempts that takes. */
  public static RetryPolicy withDeadline(Backoff backoff, long deadlineMs) {
    return new RetryPolicy(backoff, deadlineMs, Integer.MAX_VALUE);
  }

  /** Makes at most {@code maxAttempts} attempts, however long they take. */
  public static RetryPolicy withMaxAttempts(Backoff backoff, int maxAttempts) {
    return new RetryPolicy(backoff, Long.MAX_VALUE, maxAttempts);
  }
}
