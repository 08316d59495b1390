package io.streamlake.connect.s3.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Glue table's partition projection ({@code projection.*}, {@code storage.location.template}) as Athena
 * does and says whether it generates the prefix of an object key: a file under a prefix the projection does
 * not generate is invisible to Athena. Written from Athena's documentation, independently of the sink's code.
 */
public final class ProjectionCheck {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

  private final JsonNode parameters;
  private final String template;

  /** @param table the table as GetTable returns it */
  public ProjectionCheck(JsonNode table) {
    this.parameters = table.path("Parameters");
    if (!"true".equals(parameters.path("projection.enabled").asText())) {
      throw new IllegalArgumentException("projection.enabled is not true: " + parameters);
    }
    this.template = parameters.path("storage.location.template").asText();
  }

  /**
   * Why Athena would not find {@code s3://bucket/key}, or null when its directory is one the projection generates.
   */
  public String problem(String bucket, String key) {
    String location = "s3://" + bucket + "/" + key.substring(0, key.lastIndexOf('/') + 1);
    StringBuilder regex = new StringBuilder();
    List<String> names = new ArrayList<>();
    Matcher m = VARIABLE.matcher(template);
    int from = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(from, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      from = m.end();
    }
    regex.append(Pattern.quote(template.substring(from)));
    Matcher values = Pattern.compile(regex.toString()).matcher(location);
    if (!values.matches()) {
      return location + " does not match storage.location.template " + template;
    }
    for (int i = 0; i < names.size(); i++) {
      String problem = valueProblem(names.get(i), values.group(i + 1));
      if (problem != null) {
        return location + ": " + problem;
      }
    }
    return null;
  }

  private String valueProblem(String column, String value) {
    String prefix = "projection." + column + ".";
    String type = parameters.path(prefix + "type").asText().trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case "integer" -> {
        String[] range = parameters.path(prefix + "range").asText().split(",");
        long min = Long.parseLong(range[0].trim());
        long max = Long.parseLong(range[1].trim());
        long interval = parameters.has(prefix + "interval") ? Long.parseLong(parameters.path(prefix + "interval").asText()) : 1;
        int digits = parameters.has(prefix + "digits") ? Integer.parseInt(parameters.path(prefix + "digits").asText()) : 0;
        long number;
        try {
          number = Long.parseLong(value);
        } catch (NumberFormatException e) {
          return column + "=" + value + " is not an integer";
        }
        String generated = digits > 0 ? String.format("%0" + digits + "d", number) : Long.toString(number);
        if (!generated.equals(value)) {
          return column + "=" + value + " is generated as " + generated;
        }
        if (number < min || number > max || (number - min) % interval != 0) {
          return column + "=" + value + " is outside range " + min + "," + max + " step " + interval;
        }
        return null;
      }
      case "date" -> {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(parameters.path(prefix + "format").asText());
        try {
          format.parse(value);
        } catch (DateTimeParseException e) {
          return column + "=" + value + " does not parse with " + parameters.path(prefix + "format").asText();
        }
        String start = parameters.path(prefix + "range").asText().split(",")[0].trim();
        return value.length() == start.length() && value.compareTo(start) < 0
            ? column + "=" + value + " is before the range start " + start : null;
      }
      case "enum" -> {
        return List.of(parameters.path(prefix + "values").asText().split(",")).contains(value) ? null
            : column + "=" + value + " is not among the enum values";
      }
      case "injected" -> {
        return null;
      }
      default -> {
        return "no projection type for column " + column;
      }
    }
  }
}
