package io.streamlake.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private static final class Transient extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Transient(String message) {
      super(message);
    }
  }

  private static final RetryClassifier CLASSIFIER = failure -> failure instanceof Transient;

  private final AtomicLong clock = new AtomicLong();
  private final List<Long> sleeps = new ArrayList<>();
  private final Sleeper sleeper = ms -> {
    sleeps.add(ms);
    clock.addAndGet(ms);
  };

  private Retrier retrier(RetryPolicy policy) {
    return new Retrier(policy, CLASSIFIER, clock::get, sleeper);
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void retriesTransientFailuresUntilSuccess() {
    AtomicInteger calls = new AtomicInteger();
    String result = retrier(RetryPolicy.withDeadline(new Backoff(100, 1_000, Jitter.NONE, null), 10_000))
        .call("PUT x", () -> {
          if (calls.incrementAndGet() < 4) {
            throw new Transient("busy");
          }
          return "ok";
        });
    assertThat(result).isEqualTo("ok");
    assertThat(sleeps).containsExactly(100L, 200L, 400L);
  }

  @Test
  void givesUpWhenTheNextWaitWouldPassTheDeadline() {
    Retrier retrier = retrier(RetryPolicy.withDeadline(new Backoff(100, 1_000, Jitter.NONE, null), 1_000));
    assertThatThrownBy(() -> retrier.call("PUT x", () -> {
      throw new Transient("busy");
    })).isInstanceOfSatisfying(RetryFailure.class, failure -> {
      assertThat(failure.reason()).isEqualTo(RetryFailure.Reason.EXHAUSTED);
      assertThat(failure.attempts()).isEqualTo(4);
      assertThat(failure.getCause()).isInstanceOf(Transient.class);
      assertThat(failure.causeText()).isEqualTo("Transient: busy");
      assertThat(failure).hasMessage("PUT x failed after 4 attempts: Transient: busy");
    });
    assertThat(clock.get()).isLessThanOrEqualTo(1_000L);
  }

  @Test
  void givesUpAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();
    Retrier retrier = retrier(RetryPolicy.withMaxAttempts(new Backoff(10, 10, Jitter.NONE, null), 3));
    assertThatThrownBy(() -> retrier.call("op", () -> {
      calls.incrementAndGet();
      throw new Transient("busy");
    })).isInstanceOf(RetryFailure.class);
    assertThat(calls).hasValue(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void doesNotRetryWhatTheClassifierCallsPermanent() {
    AtomicInteger calls = new AtomicInteger();
    Retrier retrier = retrier(RetryPolicy.withMaxAttempts(new Backoff(10, 10, Jitter.NONE, null), 5));
    assertThatThrownBy(() -> retrier.call("op", () -> {
      calls.incrementAndGet();
      throw new IllegalStateException("denied");
    })).isInstanceOfSatisfying(RetryFailure.class,
        failure -> assertThat(failure.reason()).isEqualTo(RetryFailure.Reason.NOT_TRANSIENT))
        .hasMessage("op failed: IllegalStateException: denied");
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void anInterruptStopsRetryingAndKeepsTheFlag() {
    Retrier retrier = new Retrier(RetryPolicy.withMaxAttempts(new Backoff(10, 10, Jitter.NONE, null), 5),
        CLASSIFIER, clock::get, ms -> {
          throw new InterruptedException();
        });
    assertThatThrownBy(() -> retrier.call("op", () -> {
      throw new Transient("busy");
    })).isInstanceOfSatisfying(RetryFailure.class,
        failure -> assertThat(failure.reason()).isEqualTo(RetryFailure.Reason.INTERRUPTED));
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void describeUsesTheFirstLineOfTheMessage() {
    assertThat(CLASSIFIER.describe(new Transient("a\nb"))).isEqualTo("Transient: a");
    assertThat(CLASSIFIER.describe(new Transient(null))).isEqualTo("Transient");
  }
}
