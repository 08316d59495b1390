package io.streamlake.connect.s3.config;

/** Values of {@code format.class}. */
public enum FormatKind implements Choice.Spelled {
  PARQUET("parquet", "io.confluent.connect.s3.format.parquet.ParquetFormat"),
  JSON("json", "io.confluent.connect.s3.format.json.JsonFormat", "jsonl"),
  AVRO("avro", "io.confluent.connect.s3.format.avro.AvroFormat");

  private final Spelling spelling;

  FormatKind(String wireName, String... aliases) {
    this.spelling = new Spelling(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
