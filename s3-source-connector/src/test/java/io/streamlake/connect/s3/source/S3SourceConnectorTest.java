package io.streamlake.connect.s3.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.source.listing.LakeStores;
import io.streamlake.connect.s3.source.task.ReplayTasks;
import io.streamlake.connect.s3.source.testing.FakeOffsets;
import io.streamlake.connect.s3.source.testing.FakeReplayReaders;
import io.streamlake.connect.s3.source.testing.InMemoryLakeStore;
import io.streamlake.connect.s3.source.testing.Lake;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3SourceConnectorTest {

  private InMemoryLakeStore store;
  private Lake lake;

  @BeforeEach
  void setUp() {
    FakeReplayReaders.reset();
    store = new InMemoryLakeStore();
    lake = new Lake(store);
    lake.file(Lake.key("partition=0", "orders", 0, 0, 0, ".json"), "orders", 0, Lake.range(0, 4), true);
    lake.file(Lake.key("partition=1", "orders", 1, 0, 0, ".json"), "orders", 1, Lake.range(0, 2), true);
    lake.file(Lake.key("partition=0", "payments", 0, 0, 0, ".json"), "payments", 0, Lake.range(0, 3), true);
    lake.file("topics/routed/partition=0/orders+2+0000000000.json", "orders", 2, Lake.range(0, 1), true);
    lake.object("topics/_epochs/orders/0/0000000000.json");
  }

  private S3SourceConnector connector(String... pairs) {
    Map<String, String> props = new HashMap<>(Map.of("s3.bucket.name", "lake", "store.envelope", "true"));
    for (int i = 0; i < pairs.length; i += 2) {
      props.put(pairs[i], pairs[i + 1]);
    }
    S3SourceConnector connector = new S3SourceConnector(config -> new LakeStores.Handle(store, () -> { }));
    connector.start(props);
    return connector;
  }

  @Test
  void findsTheOriginalPartitionsAndSpreadsThemRoundRobin() {
    List<Map<String, String>> tasks = connector().taskConfigs(2);
    assertThat(tasks).extracting(config -> config.get(ReplayTasks.PAIRS_CONFIG))
        .containsExactly("orders+0,orders+2", "orders+1,payments+0");
    assertThat(tasks).extracting(config -> config.get(ReplayTasks.PREFIXES_CONFIG))
        .containsExactly("topics/orders/,topics/routed/", "topics/orders/,topics/payments/");
    assertThat(tasks.get(0)).containsEntry("s3.bucket.name", "lake");
  }

  @Test
  void neverMoreTasksThanPartitions() {
    assertThat(connector("replay.topics", "orders", "replay.partitions", "0,1").taskConfigs(8)).hasSize(2);
  }

  @Test
  void nothingToReplayStartsNoTask() {
    assertThat(connector("replay.topics", "missing").taskConfigs(4)).isEmpty();
  }

  @Test
  void tasksOfTheConnectorReplayEveryRecordOnce() throws Exception {
    List<SourceRecord> all = new ArrayList<>();
    for (Map<String, String> config : connector("replay.topic.mapping", "payments:payments_copy").taskConfigs(3)) {
      S3SourceTask task = new S3SourceTask(c -> new LakeStores.Handle(store, () -> { }), FakeReplayReaders::new, 1);
      task.initialize(new FakeOffsets().context());
      task.start(config);
      List<SourceRecord> batch;
      while ((batch = task.poll()) != null) {
        all.addAll(batch);
      }
      task.stop();
    }
    Map<String, List<Object>> byPartition = all.stream().collect(Collectors.groupingBy(
        r -> r.topic() + "-" + r.kafkaPartition(), Collectors.mapping(SourceRecord::value, Collectors.toList())));
    assertThat(byPartition).containsOnlyKeys("orders-0", "orders-1", "orders-2", "payments_copy-0");
    assertThat(byPartition.get("orders-0")).containsExactly("orders/0/0", "orders/0/1", "orders/0/2", "orders/0/3",
        "orders/0/4");
    assertThat(byPartition.get("orders-2")).containsExactly("orders/2/0", "orders/2/1");
    assertThat(byPartition.get("payments_copy-0")).hasSize(4);
  }

  @Test
  void exactlyOnceIsSupportedAndTransactionBoundariesAreConnects() {
    S3SourceConnector connector = new S3SourceConnector();
    assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    assertThat(connector.canDefineTransactionBoundaries(Map.of()))
        .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
    assertThat(connector.version()).isNotBlank();
    assertThat(connector.taskClass()).isEqualTo(S3SourceTask.class);
    assertThat(new S3SourceTask().version()).isNotBlank();
  }

  @Test
  void validateAttachesMultiKeyProblemsToEveryKeyInvolved() {
    Config config = new S3SourceConnector().validate(Map.of("s3.bucket.name", "lake", "timezone", "UTC",
        "replay.time.from", "2026-01-01T00:00:00Z"));
    Map<String, ConfigValue> values = config.configValues().stream()
        .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
    for (String key : List.of("replay.time.from", "path.format", "partitioner.class")) {
      assertThat(values.get(key).errorMessages()).as(key).anyMatch(m -> m.contains("path.format"));
    }
    assertThat(values.get("s3.bucket.name").errorMessages()).isEmpty();
  }

  @Test
  void registeredAsASourceConnectorForServiceLoading() {
    List<String> found = new ArrayList<>();
    ServiceLoader.load(SourceConnector.class).stream().forEach(p -> found.add(p.type().getName()));
    assertThat(found).contains(S3SourceConnector.class.getName());
  }
}
