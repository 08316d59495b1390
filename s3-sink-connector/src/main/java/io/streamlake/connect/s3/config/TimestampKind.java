package io.streamlake.connect.s3.config;

import java.util.List;

/** Values of {@code timestamp.extractor}. */
public enum TimestampKind implements Choice {
  RECORD("Record", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$RecordTimestampExtractor"),
  RECORD_FIELD("RecordField",
      "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$RecordFieldTimestampExtractor"),
  WALLCLOCK("Wallclock", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$WallclockTimestampExtractor"),
  HEADER("Header");

  private final String wireName;
  private final List<String> aliases;

  TimestampKind(String wireName, String... aliases) {
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
