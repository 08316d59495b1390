package io.streamlake.connect.s3.source.plan;

import io.streamlake.connect.s3.path.PathFormat;
import io.streamlake.connect.s3.path.PathProjection;
import io.streamlake.connect.s3.path.PathTemplate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the time bucket of a file back from its encoded partition: the sink's time partitioners
 * ({@code partition.TimePartitioner}) render the bucket start with {@code path.format} as the last segments of
 * the encoded partition (after the field values of {@code field-time}). A bucket spans
 * {@code partition.duration.ms}, or the finest field of the format when that is longer or the duration is -1.
 */
public final class TimeBuckets {

  /** A time range, start inclusive, end exclusive. */
  public record Bucket(Instant start, Instant end) {
    public boolean overlaps(Optional<Instant> from, Optional<Instant> to) {
      return (from.isEmpty() || end.isAfter(from.get())) && (to.isEmpty() || start.isBefore(to.get()));
    }
  }

  private final String pathFormat;
  private final int segments;
  private final DateTimeFormatter parser;
  private final ChronoUnit finest;
  private final long durationMs;
  private final ZoneId zone;

  public TimeBuckets(String pathFormat, long durationMs, ZoneId zone, Locale locale) {
    this.pathFormat = pathFormat;
    List<PathTemplate.Segment> template = PathTemplate.parse(pathFormat);
    this.segments = template.size();
    List<PathTemplate.TimeField> fields = new ArrayList<>();
    template.forEach(segment -> fields.addAll(segment.fields()));
    this.finest = PathProjection.finestUnit(fields);
    this.durationMs = durationMs;
    this.zone = zone;
    this.parser = new DateTimeFormatterBuilder().appendPattern(PathFormat.toJavaPattern(pathFormat))
        .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
        .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
        .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
        .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
        .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
        .toFormatter(locale);
  }

  /**
   * The bucket of a file whose encoded partition is {@code encodedPartition}.
   *
   * @throws IllegalArgumentException naming the path and path.format when the path does not end in the format
   */
  public Bucket bucket(String encodedPartition) {
    String[] parts = encodedPartition.split("/", -1);
    if (parts.length < segments) {
      throw problem(encodedPartition, null);
    }
    String time = String.join("/", java.util.Arrays.copyOfRange(parts, parts.length - segments, parts.length));
    ZonedDateTime start;
    try {
      TemporalAccessor parsed = parser.parse(time);
      start = LocalDateTime.from(parsed).atZone(zone);
    } catch (java.time.DateTimeException e) {
      throw problem(encodedPartition, e);
    }
    Instant byField = start.plus(1, finest).toInstant();
    Instant byDuration = durationMs > 0 ? start.toInstant().plusMillis(durationMs) : byField;
    return new Bucket(start.toInstant(), byDuration.isAfter(byField) ? byDuration : byField);
  }

  private IllegalArgumentException problem(String encodedPartition, Exception cause) {
    return new IllegalArgumentException("The path '" + encodedPartition + "' does not end in a time bucket of"
        + " path.format '" + pathFormat + "' (" + segments + " segment(s))"
        + (cause == null ? "" : ": " + cause.getMessage()), cause);
  }
}
