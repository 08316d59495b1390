package io.streamlake.connect.s3.record;

import org.apache.kafka.connect.sink.SinkRecord;

/** How error messages name a record: topic, partition and offset, never its content. */
public final class RecordLabel {

  private RecordLabel() {}

  public static String of(SinkRecord record) {
    return "record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
  }
}
