package io.streamlake.connect.s3.timestamp;

import io.streamlake.connect.s3.config.TimeUnitChoice;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;

/** Turns the many ways a timestamp arrives into epoch milliseconds; returns null when it cannot. */
final class TimestampValues {

  static final String DEBEZIUM_MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
  static final String DEBEZIUM_NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
  static final String DEBEZIUM_TIMESTAMP = "io.debezium.time.Timestamp";
  static final String DEBEZIUM_ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";

  private TimestampValues() {}

  /**
   * @param value the field or header value
   * @param schema its Connect schema if known (Debezium semantic names decide the unit)
   * @param unit unit of plain numbers
   */
  static Long toMillis(Object value, Schema schema, TimeUnitChoice unit) {
    if (value == null) {
      return null;
    }
    if (value instanceof Date date) {
      return date.getTime();
    }
    if (value instanceof Number number) {
      if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return null;
        }
      }
      long n = number.longValue();
      String name = schema == null ? null : schema.name();
      if (DEBEZIUM_MICRO_TIMESTAMP.equals(name)) {
        return TimeUnitChoice.MICROSECONDS.toMillis(n);
      }
      if (DEBEZIUM_NANO_TIMESTAMP.equals(name)) {
        return TimeUnitChoice.NANOSECONDS.toMillis(n);
      }
      if (DEBEZIUM_TIMESTAMP.equals(name)) {
        return n;
      }
      return unit.toMillis(n);
    }
    if (value instanceof String text) {
      return parse(text.trim(), unit);
    }
    return null;
  }

  private static Long parse(String text, TimeUnitChoice unit) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.matches("-?\\d+")) {
      try {
        return unit.toMillis(Long.parseLong(text));
      } catch (NumberFormatException | ArithmeticException e) {
        return null;
      }
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return ZonedDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      // An ISO local date-time without offset is read as UTC, never the JVM default zone.
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }
}
