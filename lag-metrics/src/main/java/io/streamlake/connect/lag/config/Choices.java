package io.streamlake.connect.lag.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Lenient parsing of {@link Choice} enums and the validator and recommender derived from them. */
public final class Choices {

  private Choices() {}

  /**
   * Parses {@code value} as one of {@code type}'s wire names, in any case, ignoring surrounding blanks.
   *
   * @throws ConfigException naming the option and every allowed value
   */
  public static <E extends Enum<E> & Choice> E parse(Class<E> type, String option, Object value) {
    String text = value == null ? "" : value.toString().trim();
    for (E constant : type.getEnumConstants()) {
      if (constant.wireName().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    throw new ConfigException(option, value, "Allowed values: " + describe(type));
  }

  /** The wire names joined with ", ": used by docs and error messages. */
  public static <E extends Enum<E> & Choice> String describe(Class<E> type) {
    return String.join(", ", names(type).stream().map(String::valueOf).toList());
  }

  static <E extends Enum<E> & Choice> List<Object> names(Class<E> type) {
    List<Object> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.wireName());
    }
    return names;
  }

  /** A validator that accepts exactly what {@link #parse} accepts; its toString lists the values. */
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

  /** Offers the wire names as recommended values to the Connect REST validate endpoint. */
  public static <E extends Enum<E> & Choice> ConfigDef.Recommender recommender(Class<E> type) {
    return new ConfigDef.Recommender() {
      @Override
      public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return names(type);
      }

      @Override
      public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
      }
    };
  }
}
