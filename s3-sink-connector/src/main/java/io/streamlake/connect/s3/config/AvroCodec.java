package io.streamlake.connect.s3.config;

import java.util.List;

/** Values of {@code avro.codec}. */
public enum AvroCodec implements Choice {
  NULL("null", "none"),
  DEFLATE("deflate"),
  SNAPPY("snappy"),
  ZSTANDARD("zstandard", "zstd");

  private final String wireName;
  private final List<String> aliases;

  AvroCodec(String wireName, String... aliases) {
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
