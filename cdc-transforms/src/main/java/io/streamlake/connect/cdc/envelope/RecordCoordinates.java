package io.streamlake.connect.cdc.envelope;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

/** Names a record by topic, partition and offset for error messages (never its key or value). */
public final class RecordCoordinates {

  private RecordCoordinates() {}

  /** {@code topic 'orders' partition 3 offset 42}; source records show their source offset instead. */
  public static String describe(ConnectRecord<?> record) {
    StringBuilder out = new StringBuilder("topic '").append(record.topic()).append("' partition ")
        .append(record.kafkaPartition());
    if (record instanceof SinkRecord sink) {
      out.append(" offset ").append(sink.kafkaOffset());
    } else if (record instanceof SourceRecord source) {
      out.append(" source offset ").append(source.sourceOffset());
    }
    return out.toString();
  }
}
