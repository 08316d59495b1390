package io.streamlake.connect.s3.config;

import java.util.List;

/** The wire name of a {@link Choice} and the other spellings it accepts. */
public record Spelling(String wireName, List<String> aliases) {

  public Spelling {
    aliases = List.copyOf(aliases);
  }

  public Spelling(String wireName, String... aliases) {
    this(wireName, List.of(aliases));
  }
}
