package io.streamlake.connect.s3.source.read;

import java.util.Optional;

/**
 * TEST-ONLY STAND-IN for the reader API of issue 18 spec section 3 (helper srcread writes the real one in
 * src/main). Delete this file when the read package is merged.
 */
public enum StoredFormat {
  PARQUET(".parquet"), AVRO(".avro"), JSON(".json"), JSON_GZIP(".json.gz");

  private final String extension;

  StoredFormat(String extension) {
    this.extension = extension;
  }

  /** From an object key's ending (.parquet, .avro, .json, .json.gz); empty for anything else. */
  public static Optional<StoredFormat> of(String objectKey) {
    for (StoredFormat format : values()) {
      if (objectKey.endsWith(format.extension)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  public String extension() {
    return extension;
  }
}
