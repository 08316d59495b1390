package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code format.class}. */
public enum FormatKind implements Choice {
  PARQUET("parquet", "io.confluent.connect.s3.format.parquet.ParquetFormat"),
  JSON("json", "io.confluent.connect.s3.format.json.JsonFormat", "jsonl"),
  AVRO("avro", "io.confluent.connect.s3.format.avro.AvroFormat");

  private final Spelling spelling;

  FormatKind(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
