package io.streamlake.connect.s3.config;

import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Values of {@code parquet.codec}. */
public enum ParquetCodec implements Choice {
  NONE(CompressionCodecName.UNCOMPRESSED, "", "uncompressed"),
  SNAPPY(CompressionCodecName.SNAPPY, ".snappy"),
  GZIP(CompressionCodecName.GZIP, ".gz"),
  ZSTD(CompressionCodecName.ZSTD, ".zstd"),
  LZ4_RAW(CompressionCodecName.LZ4_RAW, ".lz4raw");

  private final CompressionCodecName codec;
  private final String extensionPrefix;
  private final List<String> aliases;

  ParquetCodec(CompressionCodecName codec, String extensionPrefix, String... aliases) {
    this.codec = codec;
    this.extensionPrefix = extensionPrefix;
    this.aliases = List.of(aliases);
  }

  @Override
  public String wireName() {
    return Choices.lower(this);
  }

  @Override
  public List<String> aliases() {
    return aliases;
  }

  public CompressionCodecName codec() {
    return codec;
  }

  /** File extension, as Confluent writes it: {@code .snappy.parquet}, {@code .parquet} when uncompressed. */
  public String extension() {
    return extensionPrefix + ".parquet";
  }
}
