package io.streamlake.common.retry;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongBinaryOperator;

/**
 * Exponential back-off: retry {@code n} (1-based) has the ceiling {@code c = min(max, initial x 2^(n-1))},
 * and waits a time drawn below it as {@link Jitter} says.
 */
public final class Backoff {

  private final long initialMs;
  private final long maxMs;
  private final Jitter jitter;
  private final LongBinaryOperator random;

  /**
   * @param random returns a value in [low, high] (both inclusive): the jitter source, injectable for tests
   * @throws IllegalArgumentException when initial is not positive or max is below initial
   */
  public Backoff(long initialMs, long maxMs, Jitter jitter, LongBinaryOperator random) {
    if (initialMs < 1 || maxMs < initialMs) {
      throw new IllegalArgumentException("back-off needs 1 <= initial (" + initialMs + ") <= max (" + maxMs + ")");
    }
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.jitter = jitter;
    this.random = random;
  }

  /** A back-off drawing from {@link ThreadLocalRandom}. */
  public static Backoff of(long initialMs, long maxMs, Jitter jitter) {
    return new Backoff(initialMs, maxMs, jitter,
        (low, high) -> ThreadLocalRandom.current().nextLong(low, high + 1));
  }

  /** The ceiling of retry {@code retry} (1 = first retry). */
  public long ceilingMs(int retry) {
    long ceiling = initialMs;
    for (int i = 1; i < retry && ceiling < maxMs; i++) {
      ceiling *= 2;
    }
    return Math.min(ceiling, maxMs);
  }

  /** The wait before retry {@code retry} (1 = first retry). */
  public long delayMs(int retry) {
    long ceiling = ceilingMs(retry);
    return switch (jitter) {
      case FULL -> random.applyAsLong(0, ceiling);
      case EQUAL -> random.applyAsLong(ceiling / 2, ceiling);
      case NONE -> ceiling;
    };
  }

  @Override
  public String toString() {
    return "Backoff[" + initialMs + ".." + maxMs + " ms, " + jitter + " jitter]";
  }
}
