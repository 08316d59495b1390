package io.streamlake.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a timeout passes, then fails with a description of the last state. */
public final class Await {

  /** A condition that may throw while it is checked (a failed check counts as "not yet"). */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {}

  /** Checks {@code condition} every 250 ms; an {@link AssertionError} with {@code state} after {@code timeout}. */
  public static void until(Duration timeout, Condition condition, Supplier<String> state) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError error = new AssertionError("Condition not met within " + timeout + ": " + state.get());
        if (last != null) {
          error.addSuppressed(last);
        }
        throw error;
      }
      Thread.sleep(250);
    }
  }

  /** As {@link #until(Duration, Condition, Supplier)} with a fixed description. */
  public static void until(Duration timeout, Condition condition, String description) throws InterruptedException {
    until(timeout, condition, () -> description);
  }
}
