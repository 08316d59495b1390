package io.streamlake.connect.cdc.types;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Debezium's ISO-8601 strings with an offset: ZonedTimestamp to Connect Timestamp (the same instant), ZonedTime
 * to Connect Time (the time of day in UTC, since Connect Time has no zone). Sub-millisecond digits are floored or
 * rejected by the {@link PrecisionGuard}.
 */
final class ZonedConversion implements TypeConversion {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final String debeziumName;
  private final boolean timeOnly;
  private final PrecisionGuard guard;

  private ZonedConversion(String debeziumName, boolean timeOnly, PrecisionGuard guard) {
    this.debeziumName = debeziumName;
    this.timeOnly = timeOnly;
    this.guard = guard;
  }

  static ZonedConversion timestamp(PrecisionGuard guard) {
    return new ZonedConversion("io.debezium.time.ZonedTimestamp", false, guard);
  }

  static ZonedConversion time(PrecisionGuard guard) {
    return new ZonedConversion("io.debezium.time.ZonedTime", true, guard);
  }

  @Override
  public String debeziumName() {
    return debeziumName;
  }

  @Override
  public SchemaBuilder target() {
    return timeOnly ? Time.builder() : Timestamp.builder();
  }

  @Override
  public Object convert(Object value, String where) {
    String text = value.toString();
    try {
      if (timeOnly) {
        long nanoOfDay = OffsetTime.parse(text, DateTimeFormatter.ISO_OFFSET_TIME)
            .withOffsetSameInstant(ZoneOffset.UTC).toLocalTime().toNanoOfDay();
        checkPrecision(nanoOfDay % NANOS_PER_MILLI, where, text);
        return new java.util.Date(nanoOfDay / NANOS_PER_MILLI);
      }
      Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      checkPrecision(instant.getNano() % NANOS_PER_MILLI, where, text);
      return new java.util.Date(instant.toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new DataException("Field '" + where + "' value '" + text + "' is not a " + debeziumName
          + " (ISO-8601 with offset)", e);
    }
  }

  private void checkPrecision(long subMilliNanos, String where, String text) {
    if (subMilliNanos != 0) {
      guard.lost(where, "'" + text + "'", debeziumName, "a millisecond " + (timeOnly ? "time" : "timestamp"));
    }
  }
}
