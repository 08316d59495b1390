package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code timestamp.field.unit}: the unit of a plain numeric timestamp field. */
public enum TimeUnitChoice implements Choice {
  SECONDS(Spelling.of("s", "SECONDS"), 1_000_000_000L),
  MILLISECONDS(Spelling.of("ms", "MILLISECONDS"), 1_000_000L),
  MICROSECONDS(Spelling.of("us", "MICROSECONDS"), 1_000L),
  NANOSECONDS(Spelling.of("ns", "NANOSECONDS"), 1L);

  private final Spelling spelling;
  private final long nanos;

  TimeUnitChoice(Spelling spelling, long nanos) {
    this.spelling = spelling;
    this.nanos = nanos;
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }

  /** Converts a value in this unit to epoch milliseconds (floor). */
  public long toMillis(long value) {
    if (nanos >= 1_000_000L) {
      return Math.multiplyExact(value, nanos / 1_000_000L);
    }
    return Math.floorDiv(value, 1_000_000L / nanos);
  }
}
