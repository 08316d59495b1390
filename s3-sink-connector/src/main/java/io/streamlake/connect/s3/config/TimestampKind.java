package io.streamlake.connect.s3.config;

/** Values of {@code timestamp.extractor}. */
public enum TimestampKind implements Choice.Spelled {
  RECORD("Record", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$RecordTimestampExtractor"),
  RECORD_FIELD("RecordField",
      "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$RecordFieldTimestampExtractor"),
  WALLCLOCK("Wallclock", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$WallclockTimestampExtractor"),
  HEADER("Header");

  private final Spelling spelling;

  TimestampKind(String wireName, String... aliases) {
    this.spelling = new Spelling(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
