package io.streamlake.connect.s3.config;

import java.util.List;

/** Values of {@code s3.ssea.name}. */
public enum SseAlgorithm implements Choice {
  NONE("none", ""),
  AES256("AES256"),
  KMS("aws:kms", "kms");

  private final String wireName;
  private final List<String> aliases;

  SseAlgorithm(String wireName, String... aliases) {
    this.wireName = wireName;
    this.aliases = List.of(aliases);
  }

  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }
}
