package io.streamlake.connect.s3.config;

/** Values of {@code s3.ssea.name}. */
public enum SseAlgorithm implements Choice.Spelled {
  NONE("none", ""),
  AES256("AES256"),
  KMS("aws:kms", "kms");

  private final Spelling spelling;

  SseAlgorithm(String wireName, String... aliases) {
    this.spelling = new Spelling(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
