package io.streamlake.connect.lag.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void boundDoublesUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), bound -> bound);
    assertThat(backoff.delayMs(1)).isEqualTo(100);
    assertThat(backoff.delayMs(2)).isEqualTo(200);
    assertThat(backoff.delayMs(4)).isEqualTo(800);
    assertThat(backoff.delayMs(5)).isEqualTo(1_000);
    assertThat(backoff.delayMs(30)).isEqualTo(1_000);
  }

  @Test
  void jitterStaysWithinTheBound() {
    Backoff backoff = Backoff.jittered(Duration.ofMillis(100), Duration.ofMillis(1_000));
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.delayMs(3)).isBetween(0L, 400L);
    }
  }
}
