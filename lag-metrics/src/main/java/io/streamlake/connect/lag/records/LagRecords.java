package io.streamlake.connect.lag.records;

import io.streamlake.connect.lag.lag.PartitionLag;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the metrics-topic records: one per group/topic/partition per poll, keyed by (group, topic,
 * partition) so a compacted topic keeps the latest value of each.
 *
 * <p>Source offsets: lag is a point-in-time snapshot, so nothing is ever resumed from an offset. Each record
 * carries the poll time as an informational offset under one fixed source partition; the task never reads
 * it back, and a restarted task simply emits a fresh snapshot at its first poll.
 */
public final class LagRecords {

  public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("io.streamlake.lag.ConsumerLagKey")
      .version(1)
      .field("group", Schema.STRING_SCHEMA)
      .field("topic", Schema.STRING_SCHEMA)
      .field("partition", Schema.INT32_SCHEMA)
      .build();

  public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("io.streamlake.lag.ConsumerLag")
      .version(1)
      .doc("Consumer lag of one group on one partition at one poll of the streamlake lag emitter.")
      .field("group", Schema.STRING_SCHEMA)
      .field("topic", Schema.STRING_SCHEMA)
      .field("partition", Schema.INT32_SCHEMA)
      .field("committed", SchemaBuilder.int64().optional().doc("Committed offset; null when the group has none")
          .build())
      .field("end", SchemaBuilder.int64().doc("Log-end offset").build())
      .field("lag", SchemaBuilder.int64().doc("max(0, end - committed)").build())
      .field("time_lag_ms", SchemaBuilder.int64().optional()
          .doc("Estimated time lag in ms; null until it can be estimated").build())
      .field("state", SchemaBuilder.string().doc("Stable, Empty, Rebalancing, Dead or Unknown").build())
      .field("timestamp", Timestamp.builder().doc("Time of the poll").build())
      .build();

  static final Map<String, String> SOURCE_PARTITION = Map.of("emitter", "consumer-lag");
  static final String SOURCE_OFFSET_FIELD = "poll.timestamp.ms";

  private final String topic;

  public LagRecords(String topic) {
    this.topic = topic;
  }

  public List<SourceRecord> toRecords(List<PartitionLag> lags) {
    List<SourceRecord> records = new ArrayList<>(lags.size());
    for (PartitionLag lag : lags) {
      records.add(toRecord(lag));
    }
    return records;
  }

  public SourceRecord toRecord(PartitionLag lag) {
    Struct key = new Struct(KEY_SCHEMA).put("group", lag.group()).put("topic", lag.topic())
        .put("partition", lag.partition());
    Struct value = new Struct(VALUE_SCHEMA)
        .put("group", lag.group())
        .put("topic", lag.topic())
        .put("partition", lag.partition())
        .put("committed", lag.committed())
        .put("end", lag.end())
        .put("lag", lag.lag())
        .put("time_lag_ms", lag.timeLagMs())
        .put("state", lag.state().label())
        .put("timestamp", new Date(lag.timestampMs()));
    return new SourceRecord(SOURCE_PARTITION, Map.of(SOURCE_OFFSET_FIELD, lag.timestampMs()), topic, null,
        KEY_SCHEMA, key, VALUE_SCHEMA, value, lag.timestampMs());
  }
}
