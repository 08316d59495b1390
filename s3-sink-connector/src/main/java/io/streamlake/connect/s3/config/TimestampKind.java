package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code timestamp.extractor}. */
public enum TimestampKind implements Choice {
  RECORD("Record", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$RecordTimestampExtractor"),
  RECORD_FIELD("RecordField",
      "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$RecordFieldTimestampExtractor"),
  WALLCLOCK("Wallclock", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$WallclockTimestampExtractor"),
  HEADER("Header");

  private final Spelling spelling;

  TimestampKind(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
