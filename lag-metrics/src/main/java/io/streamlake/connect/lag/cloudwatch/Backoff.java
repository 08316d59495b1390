package io.streamlake.connect.lag.cloudwatch;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/** Exponential back-off with full jitter: attempt n waits a random time in [0, min(max, base x 2^(n-1))]. */
public final class Backoff {

  private final long baseMs;
  private final long maxMs;
  private final LongUnaryOperator random;

  /** @param random returns a value in [0, bound] for a bound; the jitter source (injectable for tests) */
  public Backoff(Duration base, Duration max, LongUnaryOperator random) {
    this.baseMs = base.toMillis();
    this.maxMs = max.toMillis();
    this.random = random;
  }

  public static Backoff jittered(Duration base, Duration max) {
    return new Backoff(base, max,
        bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
  }

  /** Delay in ms before retry number {@code retry} (1 = first retry). */
  public long delayMs(int retry) {
    long cap = baseMs;
    for (int i = 1; i < retry && cap < maxMs; i++) {
      cap *= 2;
    }
    return random.applyAsLong(Math.min(cap, maxMs));
  }
}
