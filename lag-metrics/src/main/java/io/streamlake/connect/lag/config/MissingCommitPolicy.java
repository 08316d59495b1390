package io.streamlake.connect.lag.config;

import java.util.Locale;

/**
 * Values of {@code missing.commit.policy}: what is reported for a partition that is assigned to a member of
 * a group but has no committed offset yet.
 */
public enum MissingCommitPolicy implements Choice {
  /** Not reported at all (the default; kafka-lag-exporter and MSK's own metrics do the same). */
  SKIP,
  /** Reported with lag 0 and no committed offset. */
  ZERO,
  /** Reported as if the group started at the log-start offset (what auto.offset.reset=earliest would read). */
  LOG_START;

  @Override
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
