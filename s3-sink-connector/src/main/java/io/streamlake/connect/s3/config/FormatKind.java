package io.streamlake.connect.s3.config;

import java.util.List;

/** Values of {@code format.class}. */
public enum FormatKind implements Choice {
  PARQUET("parquet", "io.confluent.connect.s3.format.parquet.ParquetFormat"),
  JSON("json", "io.confluent.connect.s3.format.json.JsonFormat", "jsonl"),
  AVRO("avro", "io.confluent.connect.s3.format.avro.AvroFormat");

  private final String wireName;
  private final List<String> aliases;

  FormatKind(String wireName, String... aliases) {
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
