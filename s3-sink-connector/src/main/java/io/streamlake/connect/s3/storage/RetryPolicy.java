package io.streamlake.connect.s3.storage;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with "equal jitter" (a random back-off between half the ceiling and the ceiling),
 * bounded by a deadline for the whole operation.
 *
 * @param initialBackoffMs first back-off ceiling
 * @param maxBackoffMs ceiling of any one back-off
 * @param deadlineMs total time an operation may spend retrying
 */
public record RetryPolicy(long initialBackoffMs, long maxBackoffMs, long deadlineMs) {

  /** Back-off before retry number {@code attempt} (1-based): random in [c/2, c] where c = min(max, initial * 2^(attempt-1)). */
  public long backoffMs(int attempt) {
    long ceiling = initialBackoffMs << Math.min(attempt - 1, 30);
    ceiling = Math.min(Math.max(ceiling, initialBackoffMs), maxBackoffMs);
    return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
  }
}
