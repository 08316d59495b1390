package io.streamlake.connect.s3.config;

import java.util.List;

/** Values of {@code timestamp.field.unit}: the unit of a plain numeric timestamp field. */
public enum TimeUnitChoice implements Choice {
  SECONDS("s", 1_000_000_000L),
  MILLISECONDS("ms", 1_000_000L),
  MICROSECONDS("us", 1_000L),
  NANOSECONDS("ns", 1L);

  private final String wireName;
  private final long nanos;

  TimeUnitChoice(String wireName, long nanos) {
    this.wireName = wireName;
    this.nanos = nanos;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public List<String> aliases() {
    return List.of(name());
  }

  /** Converts a value in this unit to epoch milliseconds (floor). */
  public long toMillis(long value) {
    if (nanos >= 1_000_000L) {
      return Math.multiplyExact(value, nanos / 1_000_000L);
    }
    return Math.floorDiv(value, 1_000_000L / nanos);
  }
}
