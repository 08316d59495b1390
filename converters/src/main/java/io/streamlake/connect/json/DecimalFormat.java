package io.streamlake.connect.json;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** How a Connect {@code Decimal} is written: {@code decimal.format}, with JsonConverter's values and matching. */
public enum DecimalFormat {
  /** The unscaled value's two's-complement bytes as a base64 string (the default, as JsonConverter). */
  BASE64,
  /** A JSON number with the decimal's exact digits and scale. */
  NUMERIC;

  /** The values as written in configuration. */
  public static List<String> wires() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }

  /**
   * Lookup ignoring case, as JsonConverter does ({@code numeric} is {@code NUMERIC}).
   *
   * @return the constant, or {@code null} when nothing matches
   */
  public static DecimalFormat parse(String text) {
    if (text == null) {
      return null;
    }
    String wanted = text.toUpperCase(Locale.ROOT);
    for (DecimalFormat format : values()) {
      if (format.name().equals(wanted)) {
        return format;
      }
    }
    return null;
  }

  /** Validator derived from the constants; its {@code toString()} lists them for the generated docs. */
  static ConfigDef.Validator validator() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null || parse(value.toString()) == null) {
          throw new ConfigException(name, value, "must be one of " + wires() + " (case-insensitive)");
        }
      }

      @Override
      public String toString() {
        return String.join(", ", wires()) + " (case-insensitive)";
      }
    };
  }
}
