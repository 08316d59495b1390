package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code s3.compression.type} (JSON lines only). */
public enum JsonCompression implements Choice {
  NONE("none"),
  GZIP("gzip");

  private final Spelling spelling;

  JsonCompression(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
