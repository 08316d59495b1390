package io.streamlake.connect.s3.catalog;

import io.streamlake.connect.s3.config.PartitionerKind;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.path.PathFormat;
import io.streamlake.connect.s3.path.PathProjection;
import io.streamlake.connect.s3.path.PathSegments;
import io.streamlake.connect.s3.path.PathTemplate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partition keys of a topic's table and their Athena partition projection, derived from the partitioner
 * so that they match the object keys exactly: {@code partition=<n>} is an integer key up to
 * {@code glue.projection.kafka.partition.max}; each {@code path.format} segment with one numeric field is an
 * integer key with that field's range and digits (years from {@code glue.projection.start} to 2099), one with
 * several fields a date key with the segment's format from {@code glue.projection.start} to NOW, constant
 * text an enum of one value; each field of the field partitioner is an injected key (queries must name its
 * value: Athena cannot enumerate field values).
 *
 * <p>Integer keys without padding ({@code year=2026}, {@code partition=3}) are {@code bigint}; zero-padded ones
 * ({@code month=07}) are {@code string}, as readers that infer types from paths (DuckDB) read them, so
 * {@code WHERE month = '07'}; date, enum and injected keys are {@code string}.
 */
public final class TableLayout {

  private static final Pattern LEGAL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  /** One partition key: Hive name and type, projection properties (without the {@code projection.<name>.} prefix). */
  public record PartitionKey(String name, String type, Map<String, String> projection) {
    public PartitionKey {
      projection = Map.copyOf(projection);
    }
  }

  /** One path segment as the table sees it. */
  private interface SegmentRule {
    String template();

    boolean matches(String text);
  }

  private final List<PartitionKey> keys;
  private final List<SegmentRule> rules;

  private TableLayout(List<PartitionKey> keys, List<SegmentRule> rules) {
    this.keys = List.copyOf(keys);
    this.rules = List.copyOf(rules);
  }

  /**
   * The layout of the configured partitioner.
   *
   * @throws CatalogException when a key name is not Glue-legal or repeats, or a segment cannot be projected
   */
  public static TableLayout of(S3SinkConfig config) {
    Builder builder = new Builder(config);
    PartitionerKind kind = config.partitioner();
    if (kind == PartitionerKind.DEFAULT) {
      builder.kafkaPartition(config.getInt(S3SinkConfig.GLUE_PROJECTION_PARTITION_MAX_CONFIG));
    }
    if (kind.usesFields()) {
      for (String field : config.partitionFields()) {
        builder.field(field.substring(field.lastIndexOf('.') + 1));
      }
    }
    String pathFormat = config.effectivePathFormat();
    if (!pathFormat.isBlank()) {
      for (PathTemplate.Segment segment : PathTemplate.parse(pathFormat)) {
        builder.time(segment);
      }
    }
    return new TableLayout(builder.keys, builder.rules);
  }

  public List<PartitionKey> keys() {
    return keys;
  }

  /** The partition part of {@code storage.location.template}: {@code year=${year}/month=${month}}. */
  public String template() {
    return String.join("/", rules.stream().map(SegmentRule::template).toList());
  }

  /**
   * Whether Athena's projection generates this encoded partition (the part of an object key between the topic
   * and the file name); a file whose partition it does not generate is invisible to Athena.
   */
  public boolean covers(String encodedPartition) {
    String[] parts = encodedPartition.split("/", -1);
    if (parts.length != rules.size()) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      if (!rules.get(i).matches(parts[i])) {
        return false;
      }
    }
    return true;
  }

  /** Table properties of the projection: {@code projection.enabled}, per key, and the location template. */
  public Map<String, String> projectionParameters(String location) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("projection.enabled", "true");
    for (PartitionKey key : keys) {
      key.projection().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> parameters.put("projection." + key.name() + "." + e.getKey(), e.getValue()));
    }
    parameters.put("storage.location.template", location + template() + "/");
    return parameters;
  }

  private static final class Builder {
    private final S3SinkConfig config;
    private final List<PartitionKey> keys = new ArrayList<>();
    private final List<SegmentRule> rules = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    Builder(S3SinkConfig config) {
      this.config = config;
    }

    void kafkaPartition(int max) {
      String name = name("partition", "partitioner.class=default");
      keys.add(new PartitionKey(name, "bigint", Map.of("type", "integer", "range", "0," + max)));
      rules.add(rule("partition=${partition}", "partition=", "", text -> {
        Optional<Long> value = number(text, 0);
        return value.isPresent() && value.get() <= max;
      }));
    }

    void field(String fieldName) {
      String encoded = PathSegments.encode(fieldName);
      String name = name(fieldName.toLowerCase(Locale.ROOT), "partition.field.name");
      keys.add(new PartitionKey(name, "string", Map.of("type", "injected")));
      rules.add(rule(encoded + "=${" + name + "}", encoded + "=", "", text -> !text.isEmpty()));
    }

    void time(PathTemplate.Segment segment) {
      Optional<String> problem = PathProjection.problem(segment);
      if (problem.isPresent()) {
        throw new CatalogException("path.format cannot be projected: " + problem.get()
            + " (set glue.projection.enabled=false)");
      }
      Optional<String> keyName = segment.keyName();
      String prefix = keyName.map(n -> n + "=").orElse("");
      List<PathTemplate.Part> value = segment.valueParts();
      switch (PathProjection.kind(segment)) {
        case CONSTANT -> {
          String text = literal(value);
          if (keyName.isEmpty()) {
            rules.add(rule(text, text, "", String::isEmpty));
          } else {
            String name = name(keyName.get().toLowerCase(Locale.ROOT), "path.format");
            keys.add(new PartitionKey(name, "string", Map.of("type", "enum", "values", text)));
            rules.add(rule(prefix + "${" + name + "}", prefix, "", text::equals));
          }
        }
        case INTEGER -> integer(segment, keyName, prefix, value);
        case DATE -> date(segment, keyName, prefix, value);
      }
    }

    private void integer(PathTemplate.Segment segment, Optional<String> keyName, String prefix,
        List<PathTemplate.Part> value) {
      PathTemplate.TimeField field = segment.fields().get(0);
      int at = value.indexOf(field);
      String before = literal(value.subList(0, at));
      String after = literal(value.subList(at + 1, value.size()));
      String name = name(keyName.orElse(PathProjection.defaultName(segment)).toLowerCase(Locale.ROOT), "path.format");
      PathProjection.IntRange range = PathProjection.range(field, config.glueProjectionStart().getYear());
      int interval = integerInterval(field, range);
      Map<String, String> projection = new LinkedHashMap<>();
      projection.put("type", "integer");
      projection.put("range", range.min() + "," + range.max());
      if (range.digits() > 0) {
        projection.put("digits", Integer.toString(range.digits()));
      }
      if (interval > 1) {
        projection.put("interval", Integer.toString(interval));
      }
      // A zero-padded value (month=07) reads as text, as DuckDB reads it; an unpadded one as a number.
      keys.add(new PartitionKey(name, range.digits() > 0 ? "string" : "bigint", projection));
      rules.add(rule(prefix + before + "${" + name + "}" + after, prefix + before, after, text -> {
        Optional<Long> number = number(text, range.digits());
        return number.isPresent() && number.get() >= range.min() && number.get() <= range.max()
            && (number.get() - range.min()) % interval == 0;
      }));
    }

    /** A bucket of n minutes (hours, seconds) that divides the field's cycle steps the range by n. */
    private int integerInterval(PathTemplate.TimeField field, PathProjection.IntRange range) {
      long duration = config.effectivePartitionDuration();
      ChronoUnit unit = PathProjection.finestUnit(List.of(field));
      long cycle = range.max() - range.min() + 1;
      boolean zeroBased = range.min() == 0 && (unit == ChronoUnit.MINUTES || unit == ChronoUnit.SECONDS
          || unit == ChronoUnit.HOURS);
      long unitMs = unit.getDuration().toMillis();
      if (!zeroBased || duration <= unitMs || duration % unitMs != 0) {
        return 1;
      }
      long steps = duration / unitMs;
      return steps < cycle && cycle % steps == 0 ? (int) steps : 1;
    }

    private void date(PathTemplate.Segment segment, Optional<String> keyName, String prefix,
        List<PathTemplate.Part> value) {
      String name = name(keyName.orElse(PathProjection.defaultName(segment)).toLowerCase(Locale.ROOT), "path.format");
      String joda = PathTemplate.joda(value);
      String javaPattern = PathFormat.toJavaPattern(joda);
      ZoneId zone = config.zone();
      PathFormat format = new PathFormat(joda, zone, config.locale());
      LocalDate startDay = config.glueProjectionStart();
      String start = format.format(startDay.atStartOfDay(zone).toInstant().toEpochMilli());
      ChronoUnit unit = PathProjection.finestUnit(segment.fields());
      long unitMs = unit.getDuration().toMillis();
      long duration = config.effectivePartitionDuration();
      long interval = unit.compareTo(ChronoUnit.DAYS) <= 0 && duration > unitMs && duration % unitMs == 0
          ? duration / unitMs : 1;
      Map<String, String> projection = new LinkedHashMap<>();
      projection.put("type", "date");
      projection.put("format", javaPattern);
      projection.put("range", start + "," + now(zone));
      projection.put("interval", Long.toString(interval));
      projection.put("interval.unit", unit.name());
      keys.add(new PartitionKey(name, "string", projection));
      DateTimeFormatter parser = DateTimeFormatter.ofPattern(javaPattern, config.locale());
      rules.add(rule(prefix + "${" + name + "}", prefix, "", text -> {
        try {
          parser.parse(text); // the lower bound is not checked: records older than glue.projection.start are
          return true;        // the user's choice of start
        } catch (DateTimeParseException e) {
          return false;
        }
      }));
    }

    /**
     * Athena evaluates NOW in UTC; paths in a zone ahead of UTC reach later dates first, so the range ends that
     * many hours later (DST included).
     */
    private static String now(ZoneId zone) {
      int year = ZonedDateTime.now(zone).getYear();
      int seconds = Math.max(
          zone.getRules().getOffset(Instant.parse(year + "-01-15T00:00:00Z")).getTotalSeconds(),
          zone.getRules().getOffset(Instant.parse(year + "-07-15T00:00:00Z")).getTotalSeconds());
      int hours = (seconds + 3599) / 3600;
      return hours > 0 ? "NOW+" + hours + "HOURS" : "NOW";
    }

    private String name(String name, String option) {
      if (!LEGAL_NAME.matcher(name).matches()) {
        throw new CatalogException("Partition key '" + name + "' (from " + option + ") is not a Glue column name:"
            + " use a-z, 0-9 and _ (not starting with a digit)");
      }
      if (!names.add(name)) {
        throw new CatalogException("Partition key '" + name + "' appears twice (partitioner.class, path.format,"
            + " partition.field.name)");
      }
      return name;
    }

    private static String literal(List<PathTemplate.Part> parts) {
      StringBuilder out = new StringBuilder();
      for (PathTemplate.Part part : parts) {
        out.append(((PathTemplate.Literal) part).text());
      }
      return out.toString();
    }

    private static Optional<Long> number(String text, int digits) {
      if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 18) {
        return Optional.empty();
      }
      long value = Long.parseLong(text);
      String canonical = digits > 0 ? String.format("%0" + digits + "d", value) : Long.toString(value);
      return canonical.equals(text) ? Optional.of(value) : Optional.empty();
    }

    private static SegmentRule rule(String template, String before, String after, java.util.function.Predicate<String> value) {
      Pattern pattern = Pattern.compile(Pattern.quote(before) + "(.*)" + Pattern.quote(after), Pattern.DOTALL);
      return new SegmentRule() {
        @Override
        public String template() {
          return template;
        }

        @Override
        public boolean matches(String text) {
          Matcher m = pattern.matcher(text);
          return m.matches() && value.test(m.group(1));
        }
      };
    }
  }
}
