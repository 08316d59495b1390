package io.streamlake.connect.s3.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.Orders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer tells its listener (the catalog) about each file once it is durable, with the schemas it holds. */
class PublishedFilesTest {

  private static final long T0 = 1_798_761_600_000L; // 2027-01-01T00:00:00Z

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final List<String> events = new ArrayList<>();

  private SinkWriter writer(String format) {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", format);
    props.put("flush.size", "4");
    PublishedFiles listener = (topic, schema, partition, key) -> {
      assertThat(store.get(key)).as("durable before it is reported: " + key).isPresent();
      events.add(topic + " " + partition + " v" + schema.version() + " " + key);
    };
    return SinkWriters.create(new S3SinkConfig(props), store, new FakeSinkTaskContext(null), "test",
        new MutableClock(T0), listener);
  }

  @Test
  void jsonFileReportsEverySchemaItsLinesHave() {
    SinkWriter writer = writer("json");
    writer.open(List.of(new org.apache.kafka.common.TopicPartition("orders", 0)));
    writer.put(List.of(Orders.record("orders", 0, 0, T0), Orders.recordV2("orders", 0, 1, T0),
        Orders.record("orders", 0, 2, T0)));
    assertThat(events).isEmpty(); // nothing durable yet
    writer.put(List.of(Orders.recordV2("orders", 0, 3, T0)));
    assertThat(events).containsExactly("orders partition=0 v1 topics/orders/partition=0/orders+0+0000000000.json",
        "orders partition=0 v2 topics/orders/partition=0/orders+0+0000000000.json");
  }

  @Test
  void parquetFileReportsTheSchemaItWasWrittenWith() {
    SinkWriter writer = writer("parquet");
    writer.open(List.of(new org.apache.kafka.common.TopicPartition("orders", 0)));
    writer.put(List.of(Orders.record("orders", 0, 0, T0), Orders.record("orders", 0, 1, T0),
        Orders.recordV2("orders", 0, 2, T0), Orders.recordV2("orders", 0, 3, T0),
        Orders.recordV2("orders", 0, 4, T0), Orders.recordV2("orders", 0, 5, T0)));
    assertThat(events).containsExactly(
        "orders partition=0 v1 topics/orders/partition=0/orders+0+0000000000.snappy.parquet",
        "orders partition=0 v2 topics/orders/partition=0/orders+0+0000000002.snappy.parquet");
  }
}
