package io.streamlake.common.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Lenient parsing of {@link Choice} enums, and the ConfigDef validator and recommender derived from them.
 *
 * <p>Input is matched against every wire name and alias after trimming, ignoring case and treating
 * {@code _} and {@code -} alike, so {@code LZ4_RAW}, {@code lz4-raw} and {@code " lz4_raw "} are one value.
 * An enum whose constants collide under that rule is a programming error, reported on first use.
 */
public final class Choices {

  private static final ClassValue<Map<String, Enum<?>>> LOOKUP = new ClassValue<>() {
    @Override
    protected Map<String, Enum<?>> computeValue(Class<?> type) {
      Map<String, Enum<?>> byName = new HashMap<>();
      for (Object constant : type.getEnumConstants()) {
        Choice choice = (Choice) constant;
        List<String> spellings = new ArrayList<>(choice.aliases());
        spellings.add(choice.wireName());
        for (String spelling : spellings) {
          Enum<?> previous = byName.put(normalise(spelling), (Enum<?>) constant);
          if (previous != null && previous != constant) {
            throw new IllegalStateException(type.getName() + ": '" + spelling + "' names both " + previous
                + " and " + constant);
          }
        }
      }
      return Map.copyOf(byName);
    }
  };

  private Choices() {}

  /**
   * Parses {@code value} as one of {@code type}'s constants.
   *
   * @throws ConfigException naming the option and the allowed values
   */
  public static <E extends Enum<E> & Choice> E parse(Class<E> type, String option, Object value) {
    E found = lookup(type, value);
    if (found == null) {
      throw new ConfigException(option, value, "Allowed values: " + describe(type));
    }
    return found;
  }

  /**
   * Parses an option where blank means "not set".
   *
   * @return empty for a null or blank value (unless a constant claims blank with an empty alias)
   * @throws ConfigException naming the option and the allowed values, for anything else that matches nothing
   */
  public static <E extends Enum<E> & Choice> Optional<E> parseOptional(Class<E> type, String option,
      Object value) {
    E found = lookup(type, value);
    if (found == null && isBlank(value)) {
      return Optional.empty();
    }
    return Optional.of(parse(type, option, value));
  }

  /**
   * The accepted values as docs and messages show them: wire names, each followed by its non-empty aliases
   * in parentheses. Values are separated by {@code ", "}, or by {@code "; "} when aliases are shown (class
   * names in parentheses would otherwise run into the next value).
   */
  public static <E extends Enum<E> & Choice> String describe(Class<E> type) {
    List<String> parts = new ArrayList<>();
    boolean anyAlias = false;
    for (E constant : type.getEnumConstants()) {
      List<String> shown = constant.aliases().stream().filter(alias -> !alias.isEmpty()).toList();
      anyAlias |= !shown.isEmpty();
      parts.add(shown.isEmpty() ? constant.wireName()
          : constant.wireName() + " (or " + String.join(", ", shown) + ")");
    }
    return String.join(anyAlias ? "; " : ", ", parts);
  }

  /** The wire names in declaration order: the values UIs offer. */
  public static <E extends Enum<E> & Choice> List<Object> wireNames(Class<E> type) {
    List<Object> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.wireName());
    }
    return List.copyOf(names);
  }

  /** A validator that accepts exactly what {@link #parse} accepts; its {@code toString} lists the values. */
  public static <E extends Enum<E> & Choice> ConfigDef.Validator validator(Class<E> type) {
    return new ChoiceValidator<>(type, false);
  }

  /**
   * A validator for options where blank means "not set": accepts blank and what {@link #parse} accepts; its
   * {@code toString} says so and lists the values.
   */
  public static <E extends Enum<E> & Choice> ConfigDef.Validator validatorAllowingBlank(Class<E> type) {
    return new ChoiceValidator<>(type, true);
  }

  /** Offers the wire names as recommended values (shown by the Connect REST validate endpoint). */
  public static <E extends Enum<E> & Choice> ConfigDef.Recommender recommender(Class<E> type) {
    return new ConfigDef.Recommender() {
      @Override
      public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return wireNames(type);
      }

      @Override
      public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
      }
    };
  }

  private static <E extends Enum<E> & Choice> E lookup(Class<E> type, Object value) {
    String text = value == null ? "" : value.toString();
    return type.cast(LOOKUP.get(type).get(normalise(text)));
  }

  private static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }

  static String normalise(String text) {
    return text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static final class ChoiceValidator<E extends Enum<E> & Choice> implements ConfigDef.Validator {
    private final Class<E> type;
    private final boolean blankAllowed;

    ChoiceValidator(Class<E> type, boolean blankAllowed) {
      this.type = type;
      this.blankAllowed = blankAllowed;
      LOOKUP.get(type); // an ambiguous enum fails when the ConfigDef is built, not on first use
    }

    @Override
    public void ensureValid(String name, Object value) {
      if (blankAllowed) {
        parseOptional(type, name, value);
      } else {
        parse(type, name, value);
      }
    }

    @Override
    public String toString() {
      return blankAllowed ? "empty, or " + describe(type) : describe(type);
    }
  }
}
