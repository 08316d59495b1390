package io.streamlake.connect.lag.config;

import java.util.Locale;

/** Values of {@code time.lag.mode}: how the time lag of a partition is estimated. */
public enum TimeLagMode implements Choice {
  /**
   * Interpolate the time the committed offset was written from (end offset, time) samples of the partition
   * kept across polls, as kafka-lag-exporter does. Costs no extra request; needs two polls to warm up.
   */
  INTERPOLATION,
  /** Read the timestamp of the record at the committed offset (one fetch per lagging partition per poll). */
  RECORD_TIMESTAMP,
  /** No time lag. */
  NONE;

  @Override
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
