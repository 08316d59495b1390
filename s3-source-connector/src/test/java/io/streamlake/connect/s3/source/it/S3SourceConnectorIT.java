package io.streamlake.connect.s3.source.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.common.retry.Sleeper;
import io.streamlake.connect.s3.source.S3SourceConnector;
import io.streamlake.connect.s3.source.listing.S3LakeStore;
import io.streamlake.connect.s3.source.task.ReplayRecord;
import io.streamlake.connect.s3.source.testing.FakeReplayReaders;
import io.streamlake.connect.s3.source.testing.Lake;
import io.streamlake.connect.s3.storage.S3Calls;
import io.streamlake.connect.s3.storage.S3Stores;
import io.streamlake.connect.s3.storage.StoreException;
import io.streamlake.connect.s3.testing.S3TestClients;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The source connector in a real Connect worker (exactly-once source support enabled) against s3proxy: files laid
 * out as the sink writes them (interleaving time buckets, a variant key holding duplicates, side files, epoch
 * markers) are replayed into a mapped topic and read back with read_committed, record by record. The file
 * contents come from the fake readers (the real readers are package {@code read}); everything else is real: S3
 * listing and downloads through the SDK, Connect's offsets, transactions and restarts. One broker, worker and S3
 * server for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3SourceConnectorIT {

  private static final String BUCKET = "replay-lake";

  private S3Endpoint s3;
  private S3Client client;
  private KafkaCluster kafka;
  private ConnectCluster connect;

  @BeforeAll
  void start() {
    System.setProperty(FakeReplayReaders.ENABLED_PROPERTY, "true");
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    client = S3TestClients.of(s3);
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("s3-source-it")
        .workerProperty("exactly.once.source.support", "enabled").start();
  }

  @AfterAll
  void stop() throws Exception {
    System.clearProperty(FakeReplayReaders.ENABLED_PROPERTY);
    if (connect != null) {
      connect.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (client != null) {
      client.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  /** Stores a fake file under {@code key} with the sink's range metadata and registers its rows. */
  private void file(String key, String topic, int partition, List<Long> offsets) {
    List<ReplayRecord> rows = new ArrayList<>();
    offsets.forEach(offset -> rows.add(Lake.record(topic, partition, offset, true)));
    FakeReplayReaders.register(key, rows);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("streamlake-first-offset", Long.toString(offsets.get(0)));
    metadata.put("streamlake-last-offset", Long.toString(offsets.get(offsets.size() - 1)));
    metadata.put("streamlake-record-count", Long.toString(offsets.size()));
    client.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).metadata(metadata).build(),
        RequestBody.fromBytes(FakeReplayReaders.content(key)));
  }

  private void object(String key) {
    client.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).build(),
        RequestBody.fromBytes("{}".getBytes(StandardCharsets.UTF_8)));
  }

  private static String hourKey(int hour, int partition, long start, int variant) {
    return Lake.key(String.format("year=2026/month=01/day=01/hour=%02d", hour), "orders", partition, start, variant,
        ".parquet");
  }

  private Map<String, String> sourceConfig() {
    Map<String, String> config = new HashMap<>(s3.sinkSettings(BUCKET));
    config.put("connector.class", S3SourceConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("store.envelope", "true");
    config.put("replay.topics", "orders");
    config.put("replay.topic.mapping", "orders:orders_restored");
    config.put("replay.batch.max.records", "7");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("exactly.once.support", "required");
    return config;
  }

  private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected, Duration timeout) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // a little longer, to see records that should not be there
      long extra = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < extra) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void replaysSinkLaidOutFilesIntoAMappedTopicRecordByRecordAndOnceAcrossARestart() throws Exception {
    // orders-0: two hourly buckets whose offsets interleave, a variant key with the same records, a later file
    file(hourKey(0, 0, 0, 0), "orders", 0, List.of(0L, 1L, 2L, 5L, 6L, 9L));
    file(hourKey(0, 0, 0, 1), "orders", 0, List.of(0L, 1L, 2L, 5L, 6L, 9L));
    file(hourKey(1, 0, 3, 0), "orders", 0, List.of(3L, 4L, 7L, 8L, 10L));
    file(hourKey(2, 0, 11, 0), "orders", 0, Lake.range(11, 40));
    // orders-1 and orders-2: one bucket each, several files
    file(hourKey(0, 1, 0, 0), "orders", 1, Lake.range(0, 19));
    file(hourKey(1, 1, 20, 0), "orders", 1, Lake.range(20, 24));
    file(hourKey(0, 2, 0, 0), "orders", 2, Lake.range(0, 2));
    object(hourKey(0, 1, 0, 0).replace(".parquet", ".keys.avro"));
    FakeReplayReaders.register(hourKey(0, 1, 0, 0).replace(".parquet", ".keys.avro"), List.of());
    object("topics/_epochs/orders/0/0000000000.json");
    // another topic the filter leaves out
    file(Lake.key("partition=0", "payments", 0, 0, 0, ".json"), "payments", 0, Lake.range(0, 9));

    kafka.createTopic("orders_restored", 3);
    connect.rest().configureConnector("replay", sourceConfig());
    assertThat(connect.rest().awaitRunning("replay", 2, Duration.ofSeconds(60))).isEqualTo(2);

    int expected = 41 + 25 + 3;
    List<ConsumerRecord<byte[], byte[]>> records = readCommitted("orders_restored", expected, Duration.ofSeconds(60));
    assertThat(records).hasSize(expected);
    Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
    records.forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r));
    assertPartition(byPartition.get(0), 0, 40);
    assertPartition(byPartition.get(1), 1, 24);
    assertPartition(byPartition.get(2), 2, 2);
    assertThat(FakeReplayReaders.opened()).filteredOn(o -> o.data().equals(hourKey(0, 1, 0, 0)))
        .extracting(FakeReplayReaders.Opened::keys)
        .containsExactly(hourKey(0, 1, 0, 0).replace(".parquet", ".keys.avro"));

    // A restart of the connector and its tasks resumes from the committed offsets: nothing is produced again.
    connect.rest().restartConnector("replay", true, false);
    Thread.sleep(3000);
    connect.rest().awaitRunning("replay", 2, Duration.ofSeconds(60));
    Thread.sleep(3000);
    assertThat(readCommitted("orders_restored", expected + 1, Duration.ofSeconds(5))).hasSize(expected);
    connect.rest().deleteConnector("replay");
  }

  private static void assertPartition(List<ConsumerRecord<byte[], byte[]>> records, int partition, long last) {
    assertThat(records).as("partition %d", partition).hasSize((int) last + 1);
    for (int i = 0; i <= last; i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(Lake.value("orders", partition, i));
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("k-" + i);
      assertThat(record.timestamp()).isEqualTo(Lake.BASE_TIME + i * 1000L);
      Header[] headers = record.headers().toArray();
      assertThat(headers).extracting(Header::key).containsExactly("h", "null-header");
      assertThat(headers[0].value()).isEqualTo(("h" + i).getBytes(StandardCharsets.UTF_8));
      assertThat(headers[1].value()).isNull();
    }
  }

  @Test
  void theS3StoreListsEveryPageReadsMetadataAndDownloads(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 7; i++) {
      file(Lake.key("partition=0", "paged", 0, i * 10, 0, ".json"), "paged", 0, Lake.range(i * 10, i * 10 + 9));
    }
    S3LakeStore store = new S3LakeStore(client, BUCKET, new S3Calls(S3Stores.retrier(10, 100, 2000,
        Sleeper.THREAD)), 3);
    List<String> keys = store.list("topics/paged/");
    assertThat(keys).hasSize(7).isSorted();
    assertThat(store.metadata(keys.get(2))).hasValueSatisfying(m -> assertThat(m)
        .containsEntry("streamlake-first-offset", "20").containsEntry("streamlake-last-offset", "29"));
    assertThat(store.metadata("topics/paged/missing.json")).isEmpty();
    Path target = dir.resolve("file");
    store.download(keys.get(1), target);
    assertThat(Files.readString(target)).isEqualTo(keys.get(1));
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> store.download("topics/paged/missing.json",
        dir.resolve("missing")))).isInstanceOf(StoreException.class).hasMessageContaining(BUCKET)
        .hasMessageContaining("topics/paged/missing.json");
  }
}
