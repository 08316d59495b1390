package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code storage.class}: only S3 exists; Confluent's class name is accepted for drop-in configs. */
public enum StorageKind implements Choice {
  S3("s3", "io.confluent.connect.s3.storage.S3Storage");

  private final Spelling spelling;

  StorageKind(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
