package io.streamlake.connect.s3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.S3SinkConnector;
import io.streamlake.connect.s3.testing.LandedRecords;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import io.streamlake.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exactly-once through real rebalances, as MSK Connect autoscaling causes them: while the sink writes with a
 * wall-clock rotation schedule (the policy that cuts differently on every run), a worker joins and later one
 * leaves, moving tasks and partitions between workers. Every object is read back at the end: each produced
 * (topic, partition, offset) must be there exactly once, and the committed offsets must reach the log end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebalanceIT {

  private static final String BUCKET = "rebalance-lake";
  private static final String TOPIC = "orders";
  private static final int PARTITIONS = 6;
  private static final int WAVE = 20;

  private S3Endpoint s3;
  private KafkaCluster kafka;
  private ConnectCluster connect;
  private final JsonConverter json = new JsonConverter();
  private final Map<String, Integer> produced = new HashMap<>();
  private final long[] nextOffset = new long[PARTITIONS];

  @BeforeAll
  void start() throws Exception {
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("rebalance-it")
        .workerProperty("scheduled.rebalance.max.delay.ms", "0").start();
    json.configure(Map.of("schemas.enable", "true"), false);
  }

  @AfterAll
  void stop() throws Exception {
    if (connect != null) {
      connect.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private void produceWave(long baseTimeMs) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; i < WAVE; i++) {
        long offset = nextOffset[p]++;
        // The id equals the offset: each partition of a fresh topic is produced in order.
        byte[] value = json.fromConnectData(TOPIC, Orders.ORDER, Orders.order(offset, baseTimeMs + offset * 61_000L));
        records.add(new ProducerRecord<>(TOPIC, p, null, value));
        produced.merge(TOPIC + "-" + p + "@" + offset, 1, Integer::sum);
      }
    }
    kafka.produce(records);
  }

  private void produceFor(Duration duration, long baseTimeMs) throws Exception {
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < until) {
      produceWave(baseTimeMs);
      Thread.sleep(200);
    }
  }

  private Set<String> taskWorkers() {
    return connect.rest().connectorStatus("rebalance").tasks().stream()
        .filter(t -> "RUNNING".equals(t.state())).map(t -> t.workerId()).collect(Collectors.toSet());
  }

  private Map<String, String> connectorConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", S3SinkConnector.class.getName());
    config.put("tasks.max", "3");
    config.put("topics", TOPIC);
    config.putAll(s3.sinkSettings(BUCKET));
    config.put("format.class", "parquet");
    config.put("partitioner.class", "hourly");
    config.put("timezone", "UTC");
    config.put("timestamp.extractor", "RecordField");
    config.put("timestamp.field", "timestamp");
    config.put("flush.size", "1000000");
    config.put("rotate.schedule.interval.ms", "1500");
    config.put("consumer.override.max.poll.records", "40");
    return config;
  }

  @Test
  void workersJoiningAndLeavingLoseAndDuplicateNothing() throws Exception {
    kafka.createTopic(TOPIC, PARTITIONS);
    long t0 = 1_798_761_600_000L;
    for (int i = 0; i < 10; i++) {
      produceWave(t0);
    }
    connect.rest().configureConnector("rebalance", connectorConfig());
    Await.until(Duration.ofSeconds(60), () -> dataKeys().size() >= PARTITIONS, () -> dataKeys() + " landed");

    // Records keep arriving while workers join and leave, so epochs are open when partitions move.
    ConnectCluster.Worker joined = connect.addWorker();
    produceFor(Duration.ofSeconds(4), t0);
    Await.until(Duration.ofSeconds(60), () -> taskWorkers().size() == 2,
        () -> "tasks run on " + taskWorkers() + "; expected them spread over two workers");
    produceFor(Duration.ofSeconds(3), t0);
    joined.close();
    produceFor(Duration.ofSeconds(4), t0);
    Await.until(Duration.ofSeconds(60), () -> taskWorkers().size() == 1,
        () -> "tasks run on " + taskWorkers() + "; expected them back on one worker");
    produceWave(t0);

    long end = nextOffset[0];
    Await.until(Duration.ofSeconds(120), () -> {
      Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets();
      return committed.size() == PARTITIONS && committed.values().stream().allMatch(o -> o.offset() == end);
    }, () -> "committed offsets " + committedOffsets() + ", expected " + end + " everywhere");
    connect.rest().deleteConnector("rebalance");

    LandedRecords landed = LandedRecords.read(dataKeys(), key -> s3.get(BUCKET, key));
    List<String> lost = landed.lost(produced);
    List<String> duplicated = landed.duplicated(produced);
    System.out.printf("rebalance (worker joined, worker left, wall-clock schedule): produced=%d files=%d lost=%d"
        + " duplicated=%d%n", produced.size(), landed.files(), lost.size(), duplicated.size());
    assertThat(lost).as("lost records").isEmpty();
    assertThat(duplicated).as("duplicated records").isEmpty();
  }

  private List<String> dataKeys() {
    return s3.keys(BUCKET, "topics/").stream().filter(k -> !k.contains("/_epochs/")).toList();
  }

  private Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets("connect-rebalance").partitionsToOffsetAndMetadata().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
