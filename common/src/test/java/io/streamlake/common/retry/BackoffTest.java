package io.streamlake.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** Picks the upper end, so delays show the ceiling. */
  private static final java.util.function.LongBinaryOperator HIGH = (low, high) -> high;
  private static final java.util.function.LongBinaryOperator LOW = (low, high) -> low;

  @Test
  void ceilingDoublesUpToTheMaximum() {
    Backoff backoff = new Backoff(100, 1_000, Jitter.FULL, HIGH);
    assertThat(IntStream.rangeClosed(1, 6).mapToLong(backoff::delayMs).boxed().toList())
        .containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L);
  }

  @Test
  void fullJitterDrawsFromZero() {
    assertThat(new Backoff(100, 1_000, Jitter.FULL, LOW).delayMs(3)).isZero();
  }

  @Test
  void equalJitterDrawsFromHalfTheCeiling() {
    assertThat(new Backoff(100, 1_000, Jitter.EQUAL, LOW).delayMs(3)).isEqualTo(200L);
  }

  @Test
  void noJitterWaitsTheCeiling() {
    assertThat(new Backoff(100, 1_000, Jitter.NONE, LOW).delayMs(2)).isEqualTo(200L);
  }

  @Test
  void randomDelaysStayWithinTheirBounds() {
    Backoff full = Backoff.of(100, 1_000, Jitter.FULL);
    Backoff equal = Backoff.of(100, 1_000, Jitter.EQUAL);
    for (int i = 0; i < 1_000; i++) {
      assertThat(full.delayMs(2)).isBetween(0L, 200L);
      assertThat(equal.delayMs(40)).isBetween(500L, 1_000L);
    }
  }

  @Test
  void maxBelowInitialIsRejected() {
    assertThatThrownBy(() -> Backoff.of(100, 50, Jitter.FULL)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial (100) <= max (50)");
  }

  @Test
  void nonPositiveInitialIsRejected() {
    assertThatThrownBy(() -> Backoff.of(0, 50, Jitter.FULL)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retryPolicyNeedsAnAttemptAndANonNegativeDeadline() {
    Backoff backoff = Backoff.of(1, 1, Jitter.NONE);
    assertThatThrownBy(() -> new RetryPolicy(backoff, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.withMaxAttempts(backoff, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
