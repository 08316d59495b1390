package io.streamlake.connect.lag.lag;

import java.util.Map;
import java.util.Set;

/** Estimates, for committed offsets behind the log end, how long ago the record at that offset was written. */
public interface TimeLagEstimator extends AutoCloseable {

  /**
   * Time lag in ms of each position it can estimate; positions it cannot estimate are absent (never NaN).
   *
   * @param snapshot this poll's snapshot (estimators that keep history record its end offsets)
   * @param lagging positions with an offset lag above zero
   */
  Map<OffsetPosition, Long> estimate(ClusterSnapshot snapshot, Set<OffsetPosition> lagging);

  @Override
  default void close() {
  }

  /** The estimator for time.lag.mode=none. */
  static TimeLagEstimator none() {
    return (snapshot, lagging) -> Map.of();
  }
}
