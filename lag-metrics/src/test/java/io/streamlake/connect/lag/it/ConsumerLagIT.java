package io.streamlake.connect.lag.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.lag.ConsumerLagSourceConnector;
import io.streamlake.connect.lag.LagPoller;
import io.streamlake.connect.lag.LagPollers;
import io.streamlake.connect.lag.PollOutcome;
import io.streamlake.connect.lag.config.LagMetricsConfig;
import io.streamlake.connect.lag.lag.GroupState;
import io.streamlake.connect.lag.lag.PartitionLag;
import io.streamlake.connect.lag.testing.FakeCloudWatch;
import io.streamlake.connect.lag.testing.LogCapture;
import io.streamlake.connect.lag.testing.MutableClock;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.testsupport.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real consumer groups with known committed offsets on one embedded broker, read by the real poller and by
 * the connector running in an embedded Connect worker; CloudWatch is an in-process endpoint.
 */
class ConsumerLagIT {

  private static final String E2E_NAMESPACE = "IT/EndToEnd";
  private static KafkaCluster cluster;
  private static ConnectCluster connect;
  private static FakeCloudWatch cloudWatch;

  @BeforeAll
  static void start() throws Exception {
    cloudWatch = new FakeCloudWatch();
    cluster = KafkaCluster.start();
    connect = ConnectCluster.builder(cluster.bootstrapServers()).group("lag-it").start();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (cloudWatch != null) {
      cloudWatch.close();
    }
  }

  @BeforeEach
  void clearCloudWatch() {
    cloudWatch.clear();
  }

  private static Map<String, String> config(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("admin.bootstrap.servers", cluster.bootstrapServers());
    props.put("cloudwatch.endpoint", cloudWatch.endpoint().toString());
    props.put("cloudwatch.region", "us-east-1");
    props.put("aws.access.key.id", "AKIDTEST");
    props.put("aws.secret.access.key", "test-secret");
    props.put("admin.request.timeout.ms", "15000");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  private static LagPoller poller(Map<String, String> props, Clock clock) {
    return LagPollers.create(new LagMetricsConfig(props), "lag-it", clock);
  }

  /**
   * Requests in the default namespace: those of the poller tests. The end-to-end connector publishes under its
   * own namespace, so a request it sends late can never disturb another test's exact counts.
   */
  private static List<FakeCloudWatch.Request> mskRequests() {
    return cloudWatch.requests().stream().filter(r -> r.namespace().equals("MSK/ConsumerLag")).toList();
  }

  private static Map<String, Double> cloudWatchValues() {
    Map<String, Double> values = new HashMap<>();
    for (FakeCloudWatch.Datum d : mskRequests().stream().flatMap(r -> r.datums().stream()).toList()) {
      values.put(d.metricName() + d.dimensions() + d.unit(), d.value());
    }
    return values;
  }

  /** Produces {@code count} records to one partition, with record timestamps {@code firstTimestamp + i x step}. */
  private static void produce(String topic, int partition, int count, long firstTimestamp, long step)
      throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(new ProducerRecord<>(topic, partition, firstTimestamp + i * step, null, ("r" + i).getBytes()));
    }
    cluster.produce(records);
  }

  private static void produce(String topic, int partition, int count) throws Exception {
    produce(topic, partition, count, System.currentTimeMillis(), 0);
  }

  @Test
  void exactOffsetLagsAndTheGuidesTotalLagPayload() throws Exception {
    cluster.createTopic("orders", 3);
    produce("orders", 0, 100);
    produce("orders", 1, 200);
    produce("orders", 2, 300);
    cluster.commitOffsets("billing", Map.of(new TopicPartition("orders", 0), 70L, new TopicPartition("orders", 1), 150L,
        new TopicPartition("orders", 2), 300L));

    try (LogCapture ours = new LogCapture("io.streamlake"); LogCapture kafka = new LogCapture("org.apache.kafka");
        LagPoller poller = poller(config("groups.include", "billing"), Clock.systemUTC())) {
      PollOutcome outcome = poller.pollOnce();
      assertThat(ours.all()).anySatisfy(line -> assertThat(line).startsWith("INFO Lag poll: 1 groups, 3 partitions"));
      assertThat(ours.all()).noneSatisfy(line -> assertThat(line).contains("test-secret"));
      assertThat(kafka.all()).noneSatisfy(line -> assertThat(line).contains("test-secret"));
      assertThat(outcome.lags()).extracting(PartitionLag::group, PartitionLag::topic, PartitionLag::partition,
          PartitionLag::committed, PartitionLag::end, PartitionLag::lag, PartitionLag::state).containsExactly(
              tuple("billing", "orders", 0, 70L, 100L, 30L, GroupState.EMPTY),
              tuple("billing", "orders", 1, 150L, 200L, 50L, GroupState.EMPTY),
              tuple("billing", "orders", 2, 300L, 300L, 0L, GroupState.EMPTY));
      assertThat(outcome.adminRequests()).isEqualTo(5);
      assertThat(outcome.records()).hasSize(3);
      assertThat(outcome.cloudWatch().dropped()).isZero();
    }
    assertThat(mskRequests()).hasSize(1);
    FakeCloudWatch.Request request = mskRequests().get(0);
    assertThat(request.namespace()).isEqualTo("MSK/ConsumerLag");
    FakeCloudWatch.Datum total = request.datums().stream().filter(d -> d.metricName().equals("TotalLag"))
        .collect(Collectors.toList()).get(0);
    assertThat(total.dimensions()).containsExactly(Map.entry("ConsumerGroup", "billing"), Map.entry("Topic", "orders"));
    assertThat(total.value()).isEqualTo(80.0);
    assertThat(total.unit()).isEqualTo("Count");
    assertThat(cloudWatchValues())
        .containsEntry("MaxOffsetLag{ConsumerGroup=billing, Topic=orders}Count", 50.0)
        .containsEntry("SumOffsetLag{ConsumerGroup=billing}Count", 80.0)
        .containsEntry("MaxOffsetLag{ConsumerGroup=billing}Count", 50.0);
  }

  @Test
  void groupWithoutCommitsFollowsThePolicy() throws Exception {
    cluster.createTopic("payments", 2);
    produce("payments", 0, 10);
    produce("payments", 1, 20);
    try (KafkaConsumer<byte[], byte[]> member = cluster.consumer("fresh")) {
      member.subscribe(List.of("payments"));
      Await.until(Duration.ofSeconds(30), () -> {
        member.poll(Duration.ofMillis(100));
        return member.assignment().size() == 2;
      }, "member of 'fresh' never got its assignment");
      try (LagPoller poller = poller(config("groups.include", "fresh", "missing.commit.policy", "log-start",
          "cloudwatch.enabled", "false"), Clock.systemUTC())) {
        assertThat(poller.pollOnce().lags()).extracting(PartitionLag::partition, PartitionLag::committed,
            PartitionLag::end, PartitionLag::lag, PartitionLag::state).containsExactly(
                tuple(0, null, 10L, 10L, GroupState.STABLE),
                tuple(1, null, 20L, 20L, GroupState.STABLE));
      }
      try (LagPoller poller = poller(config("groups.include", "fresh", "missing.commit.policy", "zero",
          "cloudwatch.enabled", "false"), Clock.systemUTC())) {
        assertThat(poller.pollOnce().lags()).extracting(PartitionLag::lag).containsExactly(0L, 0L);
      }
      try (LagPoller poller = poller(config("groups.include", "fresh", "cloudwatch.enabled", "false"),
          Clock.systemUTC())) {
        PollOutcome outcome = poller.pollOnce();
        assertThat(outcome.groups()).isEqualTo(1);
        assertThat(outcome.lags()).isEmpty();
      }
    }
  }

  @Test
  void partitionsOfADeletedTopicAreSkipped() throws Exception {
    cluster.createTopic("temp", 1);
    cluster.createTopic("ledger", 1);
    produce("temp", 0, 5);
    produce("ledger", 0, 100);
    cluster.commitOffsets("gone", Map.of(new TopicPartition("temp", 0), 2L, new TopicPartition("ledger", 0), 10L));
    cluster.admin().deleteTopics(List.of("temp")).all().get();
    Await.until(Duration.ofSeconds(30), () -> !cluster.admin().listTopics().names().get().contains("temp"),
        "topic temp not deleted");
    try (LagPoller poller = poller(config("groups.include", "gone", "cloudwatch.enabled", "false"),
        Clock.systemUTC())) {
      PollOutcome outcome = poller.pollOnce();
      assertThat(outcome.lags()).extracting(PartitionLag::topic, PartitionLag::lag)
          .containsExactly(tuple("ledger", 90L));
      // the broker drops a deleted topic's committed offsets shortly after the deletion; until it has, the
      // reader skips them itself (SnapshotReaderTest covers that window deterministically)
      assertThat(outcome.skippedPartitions()).isBetween(0, 1);
    }
  }

  @Test
  void topicRegexAndGroupExclude() throws Exception {
    cluster.createTopic("audit-a", 1);
    cluster.createTopic("audit-b", 1);
    produce("audit-a", 0, 10);
    produce("audit-b", 0, 10);
    cluster.commitOffsets("auditor-1", Map.of(new TopicPartition("audit-a", 0), 1L, new TopicPartition("audit-b", 0), 2L));
    cluster.commitOffsets("auditor-test", Map.of(new TopicPartition("audit-a", 0), 3L));
    try (LagPoller poller = poller(config("groups.include", "auditor-.*", "groups.exclude", ".*-test",
        "topics.include", "audit-.*", "topics.exclude", "audit-b", "cloudwatch.enabled", "false"),
        Clock.systemUTC())) {
      assertThat(poller.pollOnce().lags()).extracting(PartitionLag::group, PartitionLag::topic, PartitionLag::lag)
          .containsExactly(tuple("auditor-1", "audit-a", 9L));
    }
  }

  @Test
  void thousandsOfPartitionsCostFiveAdminCallsAndThousandDatumRequests() throws Exception {
    int partitions = 300;
    int groups = 10;
    cluster.createTopic("wide", partitions);
    for (int p = 0; p < partitions; p++) {
      produce("wide", p, 1);
    }
    for (int g = 0; g < groups; g++) {
      Map<TopicPartition, Long> commits = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        commits.put(new TopicPartition("wide", p), p % 2 == 0 ? 0L : 1L);
      }
      cluster.commitOffsets("wide-" + g, commits);
    }
    MutableClock clock = new MutableClock(5_000_000L);
    try (LagPoller poller = poller(config("groups.include", "wide-.*", "cloudwatch.partition.metrics.enabled", "true",
        "metrics.topic", ""), clock)) {
      PollOutcome first = poller.pollOnce();
      System.out.printf("wide poll 1: %d groups, %d partitions, %d admin requests, %d CloudWatch requests, %d ms%n",
          first.groups(), first.lags().size(), first.adminRequests(), first.cloudWatch().requests(), first.tookMs());
      assertThat(first.groups()).isEqualTo(groups);
      assertThat(first.lags()).hasSize(groups * partitions);
      assertThat(first.adminRequests()).isEqualTo(5);
      // 3000 OffsetLag + 1500 EstimatedTimeLag (lag 0 only: one sample cannot date a lagging offset)
      // + 10 x (TotalLag, SumOffsetLag, MaxOffsetLag) + 10 x (SumOffsetLag, MaxOffsetLag)
      assertThat(mskRequests()).extracting(r -> r.datums().size()).containsExactly(1000, 1000, 1000, 1000, 550);
      assertThat(cloudWatchValues()).containsEntry("TotalLag{ConsumerGroup=wide-3, Topic=wide}Count", 150.0)
          .containsEntry("OffsetLag{ConsumerGroup=wide-3, Topic=wide, Partition=298}Count", 1.0)
          .containsEntry("OffsetLag{ConsumerGroup=wide-3, Topic=wide, Partition=299}Count", 0.0)
          .doesNotContainKey("EstimatedMaxTimeLag{ConsumerGroup=wide-3}Milliseconds");

      cloudWatch.clear();
      clock.advance(60_000L);
      PollOutcome second = poller.pollOnce();
      System.out.printf("wide poll 2: %d partitions, %d CloudWatch requests, %d ms%n", second.lags().size(),
          second.cloudWatch().requests(), second.tookMs());
      assertThat(second.adminRequests()).isEqualTo(5);
      // the idle topic's lagging offsets were written before the first sample: at least 60 s behind
      assertThat(mskRequests()).extracting(r -> r.datums().size())
          .containsExactly(1000, 1000, 1000, 1000, 1000, 1000, 70);
      assertThat(cloudWatchValues())
          .containsEntry("EstimatedMaxTimeLag{ConsumerGroup=wide-3}Milliseconds", 60_000.0)
          .containsEntry("EstimatedTimeLag{ConsumerGroup=wide-9, Topic=wide, Partition=0}Milliseconds", 60_000.0);
      assertThat(mskRequests()).allSatisfy(r -> assertThat(r.bodyBytes()).isLessThan(1_048_576));
    }
  }

  @Test
  void timeLagInterpolatedUnderAControlledClock() throws Exception {
    cluster.createTopic("clicks", 1);
    TopicPartition clicks = new TopicPartition("clicks", 0);
    MutableClock clock = new MutableClock(1_000_000L);
    try (LagPoller poller = poller(config("groups.include", "slow|mid"), clock)) {
      produce("clicks", 0, 100);
      cluster.commitOffsets("slow", Map.of(clicks, 50L));
      PollOutcome first = poller.pollOnce();
      // one sample only: the offset lag is known, the time lag not yet
      assertThat(first.lags()).extracting(PartitionLag::group, PartitionLag::lag, PartitionLag::timeLagMs)
          .containsExactly(tuple("slow", 50L, null));

      produce("clicks", 0, 100);
      cluster.commitOffsets("mid", Map.of(clicks, 150L));
      clock.set(1_010_000L);
      cloudWatch.clear();
      PollOutcome second = poller.pollOnce();
      // samples 100@1000000 and 200@1010000 (10 ms per offset): record 150 made the end 151 at 1005100,
      // record 50 (older than both samples) is extrapolated to 995100
      assertThat(second.lags()).extracting(PartitionLag::group, PartitionLag::lag, PartitionLag::timeLagMs)
          .containsExactly(tuple("mid", 50L, 4_900L), tuple("slow", 150L, 14_900L));
    }
    assertThat(cloudWatchValues())
        .containsEntry("EstimatedMaxTimeLag{ConsumerGroup=slow, Topic=clicks}Milliseconds", 14_900.0)
        .containsEntry("EstimatedMaxTimeLag{ConsumerGroup=mid}Milliseconds", 4_900.0)
        .containsEntry("TotalLag{ConsumerGroup=slow, Topic=clicks}Count", 150.0);
  }

  @Test
  void timeLagFromTheRecordAtTheCommittedOffset() throws Exception {
    cluster.createTopic("events", 1);
    TopicPartition events = new TopicPartition("events", 0);
    long base = 1_700_000_000_000L;
    produce("events", 0, 10, base, 1_000L);
    cluster.commitOffsets("ts-a", Map.of(events, 7L));
    cluster.commitOffsets("ts-b", Map.of(events, 2L));
    cluster.commitOffsets("ts-c", Map.of(events, 10L));
    MutableClock clock = new MutableClock(base + 60_000L);
    try (LagPoller poller = poller(config("groups.include", "ts-.*", "time.lag.mode", "record-timestamp",
        "cloudwatch.enabled", "false"), clock)) {
      assertThat(poller.pollOnce().lags()).extracting(PartitionLag::group, PartitionLag::lag, PartitionLag::timeLagMs)
          .containsExactly(tuple("ts-a", 3L, 53_000L), tuple("ts-b", 8L, 58_000L), tuple("ts-c", 0L, 0L));
    }
  }

  @Test
  void workerValidatesWithTheConnectorsOwnRules() {
    Map<String, String> props = config("admin.security.protocol", "SASL_SSL", "admin.sasl.mechanism", "SCRAM-SHA-512",
        "time.lag.mode", "interpolation");
    props.put(ConnectorConfig.CONNECTOR_CLASS_CONFIG, ConsumerLagSourceConnector.class.getName());
    props.put(ConnectorConfig.NAME_CONFIG, "validate-me");
    ConfigInfos result = connect.rest().validate(ConsumerLagSourceConnector.class.getSimpleName(),
        props);
    // One multi-key problem, attached to every key it names.
    assertThat(result.values().stream().filter(v -> !v.configValue().errors().isEmpty())
        .map(v -> v.configValue().name())).containsExactlyInAnyOrder("admin.sasl.mechanism",
            "admin.security.protocol", "admin.sasl.username", "admin.sasl.password", "admin.sasl.jaas.config");
    ConfigInfo mechanism = result.values().stream().filter(v -> v.configValue().name().equals("admin.sasl.mechanism"))
        .findFirst().orElseThrow();
    assertThat(mechanism.configValue().errors()).singleElement().asString()
        .contains("admin.sasl.username").contains("admin.sasl.password");
    assertThat(mechanism.configValue().recommendedValues())
        .containsExactly("AWS_MSK_IAM", "SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    props.put("time.lag.mode", "sometimes");
    ConfigInfos bad = connect.rest().validate(ConsumerLagSourceConnector.class.getSimpleName(),
        props);
    assertThat(bad.values().stream().filter(v -> v.configValue().name().equals("time.lag.mode")).findFirst()
        .orElseThrow().configValue().errors()).singleElement().asString()
        .contains("interpolation, record-timestamp, none");
  }

  @Test
  void connectorInAWorkerWritesExactLagsOnceAndPublishesTotalLag() throws Exception {
    cluster.createTopic("shipments", 2);
    cluster.createTopic("lag-metrics", 1);
    produce("shipments", 0, 40);
    produce("shipments", 1, 60);
    cluster.commitOffsets("shipper", Map.of(new TopicPartition("shipments", 0), 25L,
        new TopicPartition("shipments", 1), 60L));
    Map<String, String> props = config("groups.include", "shipper", "poll.interval.ms", "1000",
        "metrics.topic", "lag-metrics", "cloudwatch.namespace", E2E_NAMESPACE);
    props.put(ConnectorConfig.CONNECTOR_CLASS_CONFIG, ConsumerLagSourceConnector.class.getName());
    props.put(ConnectorConfig.TASKS_MAX_CONFIG, "3");
    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("key.converter.schemas.enable", "false");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "false");
    connect.rest().configureConnector("lag", props);
    try {
      // the lag connector must run exactly one task with tasks.max=3
      connect.rest().awaitRunning("lag", 1, Duration.ofSeconds(60));
      ObjectMapper json = new ObjectMapper();
      List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeUntil("lag-metrics", Duration.ofSeconds(60),
          got -> got.size() >= 6);
      assertThat(records).hasSizeGreaterThanOrEqualTo(6);
      Map<Long, List<JsonNode>> byPoll = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        JsonNode value = json.readTree(record.value());
        JsonNode key = json.readTree(record.key());
        assertThat(key.get("group").asText()).isEqualTo(value.get("group").asText());
        assertThat(key.get("partition").asInt()).isEqualTo(value.get("partition").asInt());
        byPoll.computeIfAbsent(value.get("timestamp").asLong(), t -> new ArrayList<>()).add(value);
      }
      assertThat(byPoll).hasSizeGreaterThanOrEqualTo(2);
      long lastPoll = byPoll.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      for (Map.Entry<Long, List<JsonNode>> poll : byPoll.entrySet()) {
        // each poll reports each partition exactly once: one task, no duplicates (the last poll read may
        // still be arriving, so it may hold fewer)
        List<Integer> partitionsSeen = poll.getValue().stream().map(v -> v.get("partition").asInt()).toList();
        if (poll.getKey() == lastPoll) {
          assertThat(partitionsSeen).doesNotHaveDuplicates().isSubsetOf(0, 1);
        } else {
          assertThat(partitionsSeen).containsExactlyInAnyOrder(0, 1);
        }
        for (JsonNode value : poll.getValue()) {
          assertThat(value.get("topic").asText()).isEqualTo("shipments");
          assertThat(value.get("state").asText()).isEqualTo("Empty");
          if (value.get("partition").asInt() == 0) {
            assertThat(value.get("committed").asLong()).isEqualTo(25L);
            assertThat(value.get("end").asLong()).isEqualTo(40L);
            assertThat(value.get("lag").asLong()).isEqualTo(15L);
          } else {
            assertThat(value.get("committed").asLong()).isEqualTo(60L);
            assertThat(value.get("lag").asLong()).isEqualTo(0L);
            assertThat(value.get("time_lag_ms").asLong()).isEqualTo(0L);
          }
        }
      }
      Await.until(Duration.ofSeconds(30), () -> e2eDatums().stream().anyMatch(d -> d.metricName().equals("TotalLag")
          && d.dimensions().equals(Map.of("ConsumerGroup", "shipper", "Topic", "shipments")) && d.value() == 15.0),
          "no TotalLag=15 for shipper/shipments reached CloudWatch");
      Set<String> timestamps = e2eDatums().stream().filter(d -> d.metricName().equals("TotalLag"))
          .map(FakeCloudWatch.Datum::timestamp).collect(Collectors.toSet());
      long totals = e2eDatums().stream().filter(d -> d.metricName().equals("TotalLag")).count();
      assertThat(totals).as("one TotalLag per poll").isEqualTo(timestamps.size());
    } finally {
      connect.rest().deleteConnector("lag");
    }
  }

  private static List<FakeCloudWatch.Datum> e2eDatums() {
    return cloudWatch.requests().stream().filter(r -> r.namespace().equals(E2E_NAMESPACE))
        .flatMap(r -> r.datums().stream()).toList();
  }
}
