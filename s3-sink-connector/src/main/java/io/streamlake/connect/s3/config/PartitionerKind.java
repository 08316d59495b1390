package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code partitioner.class}. */
public enum PartitionerKind implements Choice {
  DEFAULT("default", "io.confluent.connect.storage.partitioner.DefaultPartitioner"),
  FIELD("field", "io.confluent.connect.storage.partitioner.FieldPartitioner"),
  TIME("time", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner"),
  HOURLY("hourly", "io.confluent.connect.storage.partitioner.HourlyPartitioner"),
  DAILY("daily", "io.confluent.connect.storage.partitioner.DailyPartitioner"),
  FIELD_TIME("field-time", "field_time", "fieldtime");

  private final Spelling spelling;

  PartitionerKind(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }

  /** Whether this partitioner puts the record time into the path. */
  public boolean usesTime() {
    return this == TIME || this == HOURLY || this == DAILY || this == FIELD_TIME;
  }

  /** Whether this partitioner reads {@code partition.field.name}. */
  public boolean usesFields() {
    return this == FIELD || this == FIELD_TIME;
  }
}
