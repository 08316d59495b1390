package io.streamlake.connect.cdc.types;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Debezium's numeric temporal types (a count of days, or of milli/micro/nanoseconds since the epoch or since
 * midnight) to Connect Date, Time or Timestamp, which hold a {@code java.util.Date} in milliseconds.
 * Sub-millisecond digits are floored (toward the past) or rejected by the {@link PrecisionGuard}.
 */
final class EpochConversion implements TypeConversion {

  /** The Connect logical types we produce. */
  enum Target {
    DATE, TIME, TIMESTAMP
  }

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final String debeziumName;
  private final Target target;
  private final long unitsPerMilli;
  private final boolean days;
  private final PrecisionGuard guard;

  private EpochConversion(String debeziumName, Target target, long unitsPerMilli, boolean days,
      PrecisionGuard guard) {
    this.debeziumName = debeziumName;
    this.target = target;
    this.unitsPerMilli = unitsPerMilli;
    this.days = days;
    this.guard = guard;
  }

  /** Days since 1970-01-01 (INT32) to Connect Date. */
  static EpochConversion days(String name, PrecisionGuard guard) {
    return new EpochConversion(name, Target.DATE, 1, true, guard);
  }

  /** A count of units per millisecond (1, 1000, 1000000) to Connect Time or Timestamp. */
  static EpochConversion units(String name, Target target, long unitsPerMilli, PrecisionGuard guard) {
    return new EpochConversion(name, target, unitsPerMilli, false, guard);
  }

  @Override
  public String debeziumName() {
    return debeziumName;
  }

  @Override
  public SchemaBuilder target() {
    return switch (target) {
      case DATE -> Date.builder();
      case TIME -> Time.builder();
      case TIMESTAMP -> Timestamp.builder();
    };
  }

  @Override
  public Object convert(Object value, String where) {
    if (!(value instanceof Number number)) {
      throw new DataException("Field '" + where + "' (" + debeziumName + ") must be a number but is a "
          + value.getClass().getSimpleName());
    }
    long count = number.longValue();
    if (days) {
      return new java.util.Date(Math.multiplyExact(count, MILLIS_PER_DAY));
    }
    if (Math.floorMod(count, unitsPerMilli) != 0) {
      guard.lost(where, value, debeziumName, "a millisecond " + target.name().toLowerCase(java.util.Locale.ROOT));
    }
    long millis = Math.floorDiv(count, unitsPerMilli);
    if (target == Target.TIME && (millis < 0 || millis > MILLIS_PER_DAY)) {
      throw new DataException("Field '" + where + "' value " + value + " (" + debeziumName
          + ") is not a time of day");
    }
    return new java.util.Date(millis);
  }
}
