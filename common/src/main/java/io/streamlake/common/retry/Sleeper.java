package io.streamlake.common.retry;

/** Waits between retries; tests pass one that records (and advances a clock) instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** The real thing. */
  Sleeper THREAD = Thread::sleep;

  void sleep(long millis) throws InterruptedException;
}
