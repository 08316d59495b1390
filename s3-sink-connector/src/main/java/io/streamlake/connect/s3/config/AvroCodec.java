package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code avro.codec}. */
public enum AvroCodec implements Choice {
  NULL("null", "none"),
  DEFLATE("deflate"),
  SNAPPY("snappy"),
  ZSTANDARD("zstandard", "zstd");

  private final Spelling spelling;

  AvroCodec(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
