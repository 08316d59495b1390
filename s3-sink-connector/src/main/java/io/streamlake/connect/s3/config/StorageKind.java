package io.streamlake.connect.s3.config;

import java.util.List;

/** Values of {@code storage.class}: only S3 exists; Confluent's class name is accepted for drop-in configs. */
public enum StorageKind implements Choice {
  S3("s3", "io.confluent.connect.s3.storage.S3Storage");

  private final String wireName;
  private final List<String> aliases;

  StorageKind(String wireName, String... aliases) {
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
