package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Values of {@code parquet.codec}. */
public enum ParquetCodec implements Choice {
  NONE(Spelling.of("none", "uncompressed"), CompressionCodecName.UNCOMPRESSED, ""),
  SNAPPY(Spelling.of("snappy"), CompressionCodecName.SNAPPY, ".snappy"),
  GZIP(Spelling.of("gzip"), CompressionCodecName.GZIP, ".gz"),
  ZSTD(Spelling.of("zstd"), CompressionCodecName.ZSTD, ".zstd"),
  LZ4_RAW(Spelling.of("lz4_raw"), CompressionCodecName.LZ4_RAW, ".lz4raw");

  private final Spelling spelling;
  private final CompressionCodecName codec;
  private final String extensionPrefix;

  ParquetCodec(Spelling spelling, CompressionCodecName codec, String extensionPrefix) {
    this.spelling = spelling;
    this.codec = codec;
    this.extensionPrefix = extensionPrefix;
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }

  public CompressionCodecName codec() {
    return codec;
  }

  /** File extension, as Confluent writes it: {@code .snappy.parquet}, {@code .parquet} when uncompressed. */
  public String extension() {
    return extensionPrefix + ".parquet";
  }
}
