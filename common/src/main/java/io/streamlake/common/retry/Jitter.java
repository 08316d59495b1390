package io.streamlake.common.retry;

/** How a back-off is drawn below its ceiling {@code c}. */
public enum Jitter {
  /** Uniform in [0, c] ("full jitter"): spreads a herd of clients the most. */
  FULL,
  /** Uniform in [c/2, c] ("equal jitter"): never retries much sooner than the ceiling. */
  EQUAL,
  /** Exactly c: for tests and for callers that want no randomness. */
  NONE
}
