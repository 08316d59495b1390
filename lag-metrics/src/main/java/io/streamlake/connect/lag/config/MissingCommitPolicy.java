package io.streamlake.connect.lag.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * Values of {@code missing.commit.policy}: what is reported for a partition that is assigned to a member of
 * a group but has no committed offset yet.
 */
public enum MissingCommitPolicy implements Choice {
  /** Not reported at all (the default; kafka-lag-exporter and MSK's own metrics do the same). */
  SKIP("skip"),
  /** Reported with lag 0 and no committed offset. */
  ZERO("zero"),
  /** Reported as if the group started at the log-start offset (what auto.offset.reset=earliest would read). */
  LOG_START("log-start");

  private final Spelling spelling;

  MissingCommitPolicy(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
