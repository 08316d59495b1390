package io.streamlake.connect.lag.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code time.lag.mode}: how the time lag of a partition is estimated. */
public enum TimeLagMode implements Choice {
  /**
   * Interpolate the time the committed offset was written from (end offset, time) samples of the partition
   * kept across polls, as kafka-lag-exporter does. Costs no extra request; needs two polls to warm up.
   */
  INTERPOLATION("interpolation"),
  /** Read the timestamp of the record at the committed offset (one fetch per lagging partition per poll). */
  RECORD_TIMESTAMP("record-timestamp"),
  /** No time lag. */
  NONE("none");

  private final Spelling spelling;

  TimeLagMode(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
