package io.streamlake.common.config;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link Choice} is written: its wire name (what docs and messages show) and the other spellings it
 * also accepts, such as the class names Confluent's or Debezium's connectors use for the same choice.
 *
 * @param wireName the canonical name
 * @param aliases other accepted spellings; an empty alias means "a blank value selects this choice"
 */
public record Spelling(String wireName, List<String> aliases) {

  public Spelling {
    Objects.requireNonNull(wireName, "wireName");
    aliases = List.copyOf(aliases);
  }

  /** A spelling with the given wire name and aliases. */
  public static Spelling of(String wireName, String... aliases) {
    return new Spelling(wireName, List.of(aliases));
  }
}
