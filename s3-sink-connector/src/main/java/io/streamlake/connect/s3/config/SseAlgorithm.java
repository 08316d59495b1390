package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code s3.ssea.name}. */
public enum SseAlgorithm implements Choice {
  NONE("none", ""),
  AES256("AES256"),
  KMS("aws:kms", "kms");

  private final Spelling spelling;

  SseAlgorithm(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
