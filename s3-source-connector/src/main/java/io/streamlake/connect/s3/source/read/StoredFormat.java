package io.streamlake.connect.s3.source.read;

import java.util.Optional;

/** The file formats the sink writes, told apart by the object key's ending. */
public enum StoredFormat {
  PARQUET(".parquet"), AVRO(".avro"), JSON(".json"), JSON_GZIP(".json.gz");

  private final String extension;

  StoredFormat(String extension) {
    this.extension = extension;
  }

  /** From an object key's ending (.parquet, .avro, .json, .json.gz); empty for anything else. */
  public static Optional<StoredFormat> of(String objectKey) {
    if (objectKey.endsWith(".parquet")) {
      return Optional.of(PARQUET); // also .snappy.parquet, .gz.parquet, .zstd.parquet, .lz4raw.parquet
    }
    if (objectKey.endsWith(".avro")) {
      return Optional.of(AVRO);
    }
    if (objectKey.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (objectKey.endsWith(".json.gz")) {
      return Optional.of(JSON_GZIP);
    }
    return Optional.empty();
  }

  /** The ending this format is recognised by, with its dot. */
  public String extension() {
    return extension;
  }
}
