package io.streamlake.connect.s3.config;

/** Values of {@code s3.compression.type} (JSON lines only). */
public enum JsonCompression implements Choice {
  NONE,
  GZIP;

  @Override
  public String wireName() {
    return Choices.lower(this);
  }
}
