package io.streamlake.connect.s3.config;

import java.util.List;

/**
 * A value of a multi-choice option: its wire name (what users write) and the aliases it also accepts,
 * such as the class names Confluent's S3 sink uses for the same choice.
 */
public interface Choice {

  /** The canonical name shown in docs and messages. */
  String wireName();

  /** Other accepted spellings (compared case-insensitively), e.g. Confluent class names. */
  default List<String> aliases() {
    return List.of();
  }

  /** A choice whose names are spelled out per constant rather than derived from the constant's name. */
  interface Spelled extends Choice {

    Spelling spelling();

    @Override
    default String wireName() {
      return spelling().wireName();
    }

    @Override
    default List<String> aliases() {
      return spelling().aliases();
    }
  }
}
