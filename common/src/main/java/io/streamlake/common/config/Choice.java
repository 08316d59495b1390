package io.streamlake.common.config;

import java.util.List;

/**
 * A value of a multi-choice option, implemented by an enum whose constants each carry a {@link Spelling}.
 * Parsing, validation, docs and UI recommendations all derive from the enum through {@link Choices}.
 *
 * <pre>{@code
 * public enum Codec implements Choice {
 *   NONE("none", "uncompressed"),
 *   SNAPPY("snappy");
 *
 *   private final Spelling spelling;
 *
 *   Codec(String wireName, String... aliases) {
 *     this.spelling = Spelling.of(wireName, aliases);
 *   }
 *
 *   public Spelling spelling() {
 *     return spelling;
 *   }
 * }
 * }</pre>
 */
public interface Choice {

  /** The wire name and aliases of this constant: the one place they are spelled out. */
  Spelling spelling();

  /** The canonical name shown in docs and messages. */
  default String wireName() {
    return spelling().wireName();
  }

  /** Other accepted spellings. */
  default List<String> aliases() {
    return spelling().aliases();
  }
}
