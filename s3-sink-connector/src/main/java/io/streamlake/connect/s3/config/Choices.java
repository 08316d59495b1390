package io.streamlake.connect.s3.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Lenient parsing of {@link Choice} enums, and the ConfigDef validator derived from them. */
public final class Choices {

  private Choices() {}

  /**
   * Parses {@code value} as one of {@code type}'s constants, accepting wire names and aliases in any case.
   *
   * @throws ConfigException naming the option and the accepted values
   */
  public static <E extends Enum<E> & Choice> E parse(Class<E> type, String option, Object value) {
    String text = value == null ? "" : value.toString().trim();
    for (E constant : type.getEnumConstants()) {
      if (constant.wireName().equalsIgnoreCase(text)) {
        return constant;
      }
      for (String alias : constant.aliases()) {
        if (alias.equalsIgnoreCase(text)) {
          return constant;
        }
      }
    }
    throw new ConfigException(option, value, "Allowed values: " + describe(type));
  }

  /** Wire names, then aliases in parentheses: the text used by docs and error messages. */
  public static <E extends Enum<E> & Choice> String describe(Class<E> type) {
    List<String> parts = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String part = constant.wireName();
      List<String> shown = constant.aliases().stream().filter(alias -> !alias.isEmpty()).toList();
      if (!shown.isEmpty()) {
        part += " (or " + String.join(", ", shown) + ")";
      }
      parts.add(part);
    }
    return String.join("; ", parts);
  }

  /** Recommended values for UIs: the wire names only. */
  public static <E extends Enum<E> & Choice> List<Object> wireNames(Class<E> type) {
    List<Object> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.wireName());
    }
    return names;
  }

  /** A validator that accepts exactly what {@link #parse} accepts. */
  public static <E extends Enum<E> & Choice> ConfigDef.Validator validator(Class<E> type) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        parse(type, name, value);
      }

      @Override
      public String toString() {
        return describe(type);
      }
    };
  }

  /** Lower-case wire name for an enum constant name such as {@code LZ4_RAW}. */
  static String lower(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
