package io.streamlake.configdocs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders a {@link ConfigDef} as a Markdown options table and keeps a README section in sync with it.
 *
 * <p>The ConfigDef is the single source of truth for every option: a module's test calls
 * {@link #assertReadmeSection} so that a README whose table drifts from the code fails the build; running
 * the build with {@code -Dconfig.docs.update=true} rewrites the section instead.
 */
public final class ConfigDocs {

  /** System property that turns the README check into an in-place rewrite. */
  public static final String UPDATE_PROPERTY = "config.docs.update";

  private ConfigDocs() {}

  /** One row per option, in the ConfigDef's declared order. */
  public static String markdownTable(ConfigDef def) {
    StringBuilder out = new StringBuilder();
    out.append("| option | type | default | valid values | importance | description |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (ConfigDef.ConfigKey key : def.configKeys().values()) {
      out.append("| `").append(key.name).append("` | ")
          .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
          .append(cell(defaultText(key))).append(" | ")
          .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
          .append(key.importance == null ? "" : key.importance.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
          .append(cell(key.documentation)).append(" |\n");
    }
    return out.toString();
  }

  /**
   * Checks that the text between {@code <!-- options:NAME:start -->} and {@code <!-- options:NAME:end -->}
   * in {@code readme} equals the generated table, or rewrites it when {@link #UPDATE_PROPERTY} is set.
   *
   * @throws AssertionError when the README is out of date
   */
  public static void assertReadmeSection(Path readme, String name, ConfigDef def) throws IOException {
    String start = "<!-- options:" + name + ":start -->\n";
    String end = "<!-- options:" + name + ":end -->";
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new AssertionError(readme + " has no section '" + start.trim() + "' ... '" + end + "'");
    }
    String expected = markdownTable(def);
    String actual = text.substring(from + start.length(), to);
    if (Objects.equals(expected, actual)) {
      return;
    }
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.writeString(readme, text.substring(0, from + start.length()) + expected + text.substring(to),
          StandardCharsets.UTF_8);
      return;
    }
    throw new AssertionError("The options table '" + name + "' in " + readme
        + " is out of date with its ConfigDef; rerun the build with -D" + UPDATE_PROPERTY + "=true");
  }

  private static String defaultText(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    Object value = key.defaultValue;
    if (value == null) {
      return "null";
    }
    if (key.type == ConfigDef.Type.PASSWORD) {
      return "[hidden]";
    }
    if (value instanceof java.util.List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "\"\"" : text;
  }

  private static String cell(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
  }
}
