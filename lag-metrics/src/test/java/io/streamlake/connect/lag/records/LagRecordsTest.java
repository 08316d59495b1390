package io.streamlake.connect.lag.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.lag.lag.GroupState;
import io.streamlake.connect.lag.lag.PartitionLag;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class LagRecordsTest {

  @Test
  void valueCarriesEveryFieldAndKeyIdentifiesThePartition() {
    SourceRecord record = new LagRecords("lag-metrics").toRecord(
        new PartitionLag("billing", "orders", 2, 70L, 100L, 30L, 4_900L, GroupState.REBALANCING, 1_234L));
    assertThat(record.topic()).isEqualTo("lag-metrics");
    assertThat(record.kafkaPartition()).isNull();
    assertThat(record.timestamp()).isEqualTo(1_234L);
    Struct key = (Struct) record.key();
    assertThat(key.schema()).isEqualTo(LagRecords.KEY_SCHEMA);
    assertThat(key.getString("group")).isEqualTo("billing");
    assertThat(key.getString("topic")).isEqualTo("orders");
    assertThat(key.getInt32("partition")).isEqualTo(2);
    Struct value = (Struct) record.value();
    value.validate();
    assertThat(value.getInt64("committed")).isEqualTo(70L);
    assertThat(value.getInt64("end")).isEqualTo(100L);
    assertThat(value.getInt64("lag")).isEqualTo(30L);
    assertThat(value.getInt64("time_lag_ms")).isEqualTo(4_900L);
    assertThat(value.getString("state")).isEqualTo("Rebalancing");
    assertThat(value.get("timestamp")).isEqualTo(new Date(1_234L));
    assertThat(value.schema().field("timestamp").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
  }

  @Test
  void unknownValuesAreNulls() {
    Struct value = (Struct) new LagRecords("t").toRecord(
        new PartitionLag("g", "t", 0, null, 5L, 5L, null, GroupState.STABLE, 1L)).value();
    value.validate();
    assertThat(value.getInt64("committed")).isNull();
    assertThat(value.getInt64("time_lag_ms")).isNull();
  }

  @Test
  void informationalSourceOffsetUnderOneFixedPartition() {
    LagRecords records = new LagRecords("t");
    SourceRecord a = records.toRecord(new PartitionLag("g", "t", 0, 1L, 5L, 4L, null, GroupState.STABLE, 10L));
    SourceRecord b = records.toRecord(new PartitionLag("h", "u", 3, 1L, 5L, 4L, null, GroupState.STABLE, 10L));
    assertThat(a.sourcePartition()).isEqualTo(b.sourcePartition()).isEqualTo(Map.of("emitter", "consumer-lag"));
    assertThat(a.sourceOffset()).isEqualTo(Map.of("poll.timestamp.ms", 10L));
  }
}
