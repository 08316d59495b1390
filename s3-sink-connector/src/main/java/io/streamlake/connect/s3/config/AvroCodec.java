package io.streamlake.connect.s3.config;

/** Values of {@code avro.codec}. */
public enum AvroCodec implements Choice.Spelled {
  NULL("null", "none"),
  DEFLATE("deflate"),
  SNAPPY("snappy"),
  ZSTANDARD("zstandard", "zstd");

  private final Spelling spelling;

  AvroCodec(String wireName, String... aliases) {
    this.spelling = new Spelling(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
