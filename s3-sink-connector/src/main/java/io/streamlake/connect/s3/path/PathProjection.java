package io.streamlake.connect.s3.path;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one {@code path.format} segment can be projected by Athena (partition projection): a single numeric
 * time field ({@code 'hour'=HH}) is an {@code integer} key with a fixed range and digits, several fields
 * ({@code 'dt'=YYYY-MM-dd}) a {@code date} key with the segment's own format, literal text alone a constant.
 * Fields whose text Athena cannot generate from a range (month names, weekdays, AM/PM, zones, fractions,
 * 12-hour clocks, week-based years) are refused with a reason.
 */
public final class PathProjection {

  /** How a segment is projected. */
  public enum Kind {
    /** No time field: the segment is constant text. */
    CONSTANT,
    /** One numeric time field: an integer range. */
    INTEGER,
    /** Several time fields: a date with the segment's format. */
    DATE
  }

  /** Last year an integer year key covers. */
  public static final int LAST_YEAR = 2099;

  /** The numeric letters, with the unit each stands for and its Hive-friendly key name. */
  private static final Map<Character, ChronoUnit> UNITS = Map.of('Y', ChronoUnit.YEARS, 'y', ChronoUnit.YEARS,
      'M', ChronoUnit.MONTHS, 'd', ChronoUnit.DAYS, 'D', ChronoUnit.DAYS, 'H', ChronoUnit.HOURS,
      'k', ChronoUnit.HOURS, 'm', ChronoUnit.MINUTES, 's', ChronoUnit.SECONDS);
  private static final Map<Character, String> NAMES = Map.of('Y', "year", 'y', "year", 'M', "month", 'd', "day",
      'D', "dayofyear", 'H', "hour", 'k', "hour", 'm', "minute", 's', "second");

  /** An integer range: inclusive bounds and the zero-padded width (0: not padded). */
  public record IntRange(long min, long max, int digits) {
  }

  private PathProjection() {}

  /** Why the segment cannot be projected, if it cannot. */
  public static Optional<String> problem(PathTemplate.Segment segment) {
    for (PathTemplate.TimeField field : segment.fields()) {
      ChronoUnit unit = UNITS.get(field.letter());
      if (unit == null) {
        return Optional.of("the field '" + String.valueOf(field.letter()).repeat(field.count())
            + "' is not a number Athena can project (only Y/y, M, d, D, H, k, m, s)");
      }
      if (field.letter() == 'M' && field.count() > 2) {
        return Optional.of("month names (" + "M".repeat(field.count()) + ") cannot be projected");
      }
      if (unit == ChronoUnit.YEARS && field.count() == 2) {
        return Optional.of("two-digit years (" + String.valueOf(field.letter()).repeat(2) + ") cannot be projected");
      }
    }
    return Optional.empty();
  }

  public static Kind kind(PathTemplate.Segment segment) {
    int fields = segment.fields().size();
    return fields == 0 ? Kind.CONSTANT : fields == 1 ? Kind.INTEGER : Kind.DATE;
  }

  /** The range of a single numeric field; years run from {@code startYear} to {@link #LAST_YEAR}. */
  public static IntRange range(PathTemplate.TimeField field, int startYear) {
    int digits = field.count() > 1 ? field.count() : 0;
    return switch (field.letter()) {
      case 'Y', 'y' -> new IntRange(startYear, Math.max(startYear, LAST_YEAR), 0);
      case 'M' -> new IntRange(1, 12, digits);
      case 'd' -> new IntRange(1, 31, digits);
      case 'D' -> new IntRange(1, 366, digits);
      case 'H' -> new IntRange(0, 23, digits);
      case 'k' -> new IntRange(1, 24, digits);
      case 'm', 's' -> new IntRange(0, 59, digits);
      default -> throw new IllegalArgumentException("Not a projectable field: " + field);
    };
  }

  /** The finest unit among the fields (the step of a date key). */
  public static ChronoUnit finestUnit(List<PathTemplate.TimeField> fields) {
    ChronoUnit finest = ChronoUnit.YEARS;
    for (PathTemplate.TimeField field : fields) {
      ChronoUnit unit = UNITS.get(field.letter());
      if (unit != null && unit.getDuration().compareTo(finest.getDuration()) < 0) {
        finest = unit;
      }
    }
    return finest;
  }

  /** A key name for a segment without {@code <name>=}: the field's name, or {@code dt} for a date. */
  public static String defaultName(PathTemplate.Segment segment) {
    List<PathTemplate.TimeField> fields = segment.fields();
    if (fields.size() == 1) {
      return NAMES.getOrDefault(fields.get(0).letter(), "part");
    }
    return fields.isEmpty() ? "part" : "dt";
  }
}
