package io.streamlake.connect.lag.lag;

import org.apache.kafka.common.TopicPartition;

/** A committed offset on a partition: the record a group will read next. */
public record OffsetPosition(TopicPartition partition, long offset) {
}
