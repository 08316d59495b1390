package io.streamlake.connect.cdc.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A multi-choice option value: the string users write in connector JSON. */
public interface WireEnum {

  /** The value as written in configuration, e.g. {@code rewrite-with-tombstone}. */
  String wire();

  /**
   * Lenient lookup: trims, ignores case and treats {@code _} like {@code -}.
   *
   * @return the matching constant, or {@code null} when nothing matches
   */
  static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String text) {
    if (text == null) {
      return null;
    }
    String wanted = normalise(text);
    for (E constant : type.getEnumConstants()) {
      if (normalise(constant.wire()).equals(wanted)) {
        return constant;
      }
    }
    return null;
  }

  /** Parses a value that has already passed {@link #validator}; fails with a ConfigException naming the key. */
  static <E extends Enum<E> & WireEnum> E require(Class<E> type, String key, String text) {
    E value = parse(type, text);
    if (value == null) {
      throw new ConfigException(key, text, "must be one of " + wires(type));
    }
    return value;
  }

  /** The wire strings of every constant, in declaration order. */
  static <E extends Enum<E> & WireEnum> List<String> wires(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList();
  }

  /**
   * A validator derived from the enum. Blank values are accepted only when {@code blankAllowed} (for options
   * where blank means "not set").
   */
  static <E extends Enum<E> & WireEnum> ConfigDef.Validator validator(Class<E> type, boolean blankAllowed) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (blankAllowed && (value == null || value.toString().isBlank())) {
          return;
        }
        if (value == null || parse(type, value.toString()) == null) {
          throw new ConfigException(name, value, "must be one of " + wires(type));
        }
      }

      @Override
      public String toString() {
        return String.join(", ", wires(type));
      }
    };
  }

  private static String normalise(String text) {
    return text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
