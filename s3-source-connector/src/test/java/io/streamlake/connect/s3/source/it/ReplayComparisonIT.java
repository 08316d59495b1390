package io.streamlake.connect.s3.source.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.s3.S3SinkConnector;
import io.streamlake.connect.s3.source.S3SourceConnector;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.ConnectRest;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import io.streamlake.testsupport.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's proof, end to end in real workers: the sink lands a topic with keys, headers, tombstones, out-of-order
 * timestamps and a schema change as envelope Parquet (hourly paths, so one partition's epochs span several files);
 * the source replays the lake into new topics; each replayed topic is compared with the original record by record
 * (key bytes, value, headers, timestamp, order per partition). Once in an in-process worker, once in a worker JVM
 * with exactly-once source support that is SIGKILLed mid-replay and replaced: every record arrives exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayComparisonIT {

  private static final String BUCKET = "replay-lake";
  private static final String TOPIC = "orders";
  private static final int PARTITIONS = 3;
  private static final int PER_PARTITION = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Schema CUSTOMER = SchemaBuilder.struct().name("shop.Customer")
      .field("name", Schema.STRING_SCHEMA).field("city", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final Schema V1 = SchemaBuilder.struct().name("shop.Order").version(1)
      .field("id", Schema.INT64_SCHEMA)
      .field("amount", Decimal.builder(2).build())
      .field("placed", Timestamp.SCHEMA)
      .field("customer", CUSTOMER)
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
      .build();
  private static final Schema V2 = SchemaBuilder.struct().name("shop.Order").version(2)
      .field("id", Schema.INT64_SCHEMA)
      .field("amount", Decimal.builder(2).build())
      .field("placed", Timestamp.SCHEMA)
      .field("customer", CUSTOMER)
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
      .field("coupon", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  @TempDir
  Path dir;

  private S3Endpoint s3;
  private KafkaCluster kafka;
  private ConnectCluster connect;
  private final Map<Integer, List<ConsumerRecord<byte[], byte[]>>> original = new TreeMap<>();

  @BeforeAll
  void landTheTopic() throws Exception {
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("replay-it").start();
    kafka.createTopic(TOPIC, PARTITIONS);
    kafka.produce(orders());
    for (ConsumerRecord<byte[], byte[]> record : kafka.consume(TOPIC, PARTITIONS * PER_PARTITION,
        Duration.ofSeconds(60))) {
      original.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
    }
    assertThat(original.values().stream().mapToInt(List::size).sum()).isEqualTo(PARTITIONS * PER_PARTITION);

    Map<String, String> sink = new LinkedHashMap<>(s3.sinkSettings(BUCKET));
    sink.put("connector.class", S3SinkConnector.class.getName());
    sink.put("topics", TOPIC);
    sink.put("tasks.max", "1");
    sink.put("format.class", "parquet");
    sink.put("store.envelope", "true");
    sink.put("behavior.on.null.values", "write");
    sink.put("flush.size", "250");
    sink.put("rotate.schedule.interval.ms", "2000");
    sink.put("partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    sink.put("path.format", "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    sink.put("partition.duration.ms", "3600000");
    sink.put("timezone", "UTC");
    sink.put("locale", "en_US");
    sink.put("timestamp.extractor", "Record");
    sink.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    sink.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    sink.put("value.converter.schemas.enable", "true");
    connect.rest().configureConnector("lake", sink);
    Map<TopicPartition, Long> end = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      end.put(new TopicPartition(TOPIC, p), (long) PER_PARTITION);
    }
    Await.until(Duration.ofSeconds(120), () -> kafka.committedOffsets("connect-lake").equals(end),
        () -> "sink committed " + kafka.committedOffsets("connect-lake"));
    connect.rest().deleteConnector("lake");
    List<String> files = s3.keys(BUCKET, "topics/" + TOPIC + "/");
    System.out.printf("ReplayComparisonIT: the sink landed %d records in %d files%n", PARTITIONS * PER_PARTITION,
        files.size());
    assertThat(files).as("hourly paths: several files per partition").hasSizeGreaterThan(PARTITIONS * 8);
  }

  @AfterAll
  void stop() {
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

  @Test
  void replayEqualsTheOriginalRecordByRecord() throws Exception {
    kafka.createTopic("orders_restored", PARTITIONS);
    Map<String, String> source = sourceConfig("orders:orders_restored");
    source.put("tasks.max", "2");
    connect.rest().configureConnector("replay", source);
    List<ConsumerRecord<byte[], byte[]>> replayed = read("orders_restored", PARTITIONS * PER_PARTITION, false);
    assertSameRecords(replayed);
    connect.rest().deleteConnector("replay");
  }

  @Test
  void aWorkerKilledMidReplayIsReplacedAndEveryRecordArrivesExactlyOnce() throws Exception {
    kafka.createTopic("orders_eos", PARTITIONS);
    List<Process> workers = new ArrayList<>();
    try {
      URI first = startWorker(workers, "a");
      Map<String, String> source = sourceConfig("orders:orders_eos");
      source.put("tasks.max", "1");
      source.put("exactly.once.support", "required");
      source.put("replay.batch.max.records", "5"); // one transaction per poll: many small ones, a wide kill window
      new ConnectRest(first).configureConnector("replay-eos", source);
      int total = PARTITIONS * PER_PARTITION;
      awaitCommitted("orders_eos", total / 10, Duration.ofSeconds(120));
      workers.get(0).destroyForcibly().waitFor(); // SIGKILL: no task stop, no offset flush, a transaction open
      long atKill = committedCount("orders_eos");
      System.out.printf("ReplayComparisonIT: worker a SIGKILLed with %d of %d records committed%n", atKill, total);
      assertThat(atKill).as("the kill fell mid-replay").isLessThan(total);
      startWorker(workers, "b");
      List<ConsumerRecord<byte[], byte[]>> replayed = read("orders_eos", total, true);
      Thread.sleep(3_000); // anything replayed twice would arrive now
      replayed = read("orders_eos", total, true);
      assertSameRecords(replayed);
    } finally {
      for (Process worker : workers) {
        worker.destroyForcibly().waitFor();
      }
    }
  }

  private Map<String, String> sourceConfig(String mapping) {
    Map<String, String> source = new LinkedHashMap<>(s3.sinkSettings(BUCKET));
    source.put("connector.class", S3SourceConnector.class.getName());
    source.put("store.envelope", "true");
    source.put("replay.topics", TOPIC);
    source.put("replay.topic.mapping", mapping);
    source.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    source.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    source.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    source.put("value.converter.schemas.enable", "false");
    return source;
  }

  /**
   * The replayed records equal the original ones partition by partition, in order: key bytes, headers (names,
   * bytes, order), timestamp, and the value (the original's JSON payload; the replay carries the lake's schema,
   * whose names Parquet does not keep, so values are compared as JSON trees without the schema).
   */
  private void assertSameRecords(List<ConsumerRecord<byte[], byte[]>> replayed) throws IOException {
    Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : replayed) {
      byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
    }
    assertThat(byPartition.keySet()).isEqualTo(original.keySet());
    for (int p : original.keySet()) {
      List<ConsumerRecord<byte[], byte[]>> want = original.get(p);
      List<ConsumerRecord<byte[], byte[]>> got = byPartition.get(p);
      assertThat(got).as("records of partition %d", p).hasSameSizeAs(want);
      for (int i = 0; i < want.size(); i++) {
        ConsumerRecord<byte[], byte[]> a = want.get(i);
        ConsumerRecord<byte[], byte[]> b = got.get(i);
        String at = "partition " + p + " record " + i + " (original offset " + a.offset() + ")";
        assertThat(b.key()).as("key of %s", at).isEqualTo(a.key());
        assertThat(b.timestamp()).as("timestamp of %s", at).isEqualTo(a.timestamp());
        assertThat(headers(b)).as("headers of %s", at).isEqualTo(headers(a));
        if (a.value() == null) {
          assertThat(b.value()).as("tombstone at %s", at).isNull();
        } else {
          assertThat(b.value()).as("value of %s", at).isNotNull();
          assertThat(JSON.readTree(b.value())).as("value of %s", at)
              .isEqualTo(JSON.readTree(a.value()).get("payload"));
        }
      }
    }
  }

  private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
    List<String> out = new ArrayList<>();
    for (Header header : record.headers()) {
      out.add(header.key() + "=" + (header.value() == null ? "null" : Arrays.toString(header.value())));
    }
    return out;
  }

  /**
   * Three partitions of orders: string keys (some null), 0-3 headers (bytes, a repeated name, a null value),
   * CreateTime timestamps over six hours with some records back in time (so an hour's file of one epoch is
   * interleaved with another's), every 97th record a tombstone, and the schema gaining a field halfway.
   */
  private List<ProducerRecord<byte[], byte[]>> orders() {
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "true"), false);
    Random random = new Random(18);
    long start = Instant.parse("2026-12-06T00:00:00Z").toEpochMilli();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = 0; i < PER_PARTITION; i++) {
        long id = p * 1_000_000L + i;
        long ts = start + i * 10_000L + (random.nextInt(10) == 0 ? -random.nextInt(3_600_000) : 0);
        byte[] key = i % 50 == 7 ? null : ("order-" + id).getBytes(StandardCharsets.UTF_8);
        byte[] value = null;
        if (i % 97 != 5) {
          boolean v2 = i >= PER_PARTITION / 2;
          Struct customer = new Struct(CUSTOMER).put("name", "c" + random.nextInt(500))
              .put("city", random.nextBoolean() ? null : "city-" + random.nextInt(20));
          Struct order = new Struct(v2 ? V2 : V1).put("id", id)
              .put("amount", BigDecimal.valueOf(random.nextInt(1_000_000), 2))
              .put("placed", new java.util.Date(ts)).put("customer", customer)
              .put("tags", i % 3 == 0 ? null : List.of("t" + (i % 5), "x"));
          if (v2) {
            order.put("coupon", i % 4 == 0 ? "SAVE" + (i % 10) : null);
          }
          value = json.fromConnectData(TOPIC, order.schema(), order);
        }
        List<Header> headers = new ArrayList<>();
        int count = i % 4;
        for (int h = 0; h < count; h++) {
          byte[] bytes = new byte[1 + random.nextInt(8)];
          random.nextBytes(bytes);
          headers.add(new RecordHeader(h == 1 ? "null-valued" : "trace",
              h == 1 ? null : bytes));
        }
        records.add(new ProducerRecord<>(TOPIC, p, ts, key, value, headers));
      }
    }
    return records;
  }

  private URI startWorker(List<Process> workers, String label) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("worker-" + label + ".log");
    Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        ReplayWorker.class.getName(), kafka.bootstrapServers(), "replay-eos-it").redirectError(log.toFile()).start();
    workers.add(process);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("REST ")) {
        return URI.create(line.substring(5).trim());
      }
    }
    throw new IOException("worker " + label + " exited before its REST API started: "
        + Files.readString(log).lines().filter(l -> l.contains("ERROR")).findFirst().orElse("see " + log));
  }

  /** Returns as soon as a read_committed reader has seen {@code count} records of the topic. */
  private void awaitCommitted(String topic, long count, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(true)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long seen = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen < count) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("only " + seen + " committed records in " + topic + " after " + timeout);
        }
        seen += consumer.poll(Duration.ofMillis(20)).count();
      }
    }
  }

  private long committedCount(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(true)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long count = 0;
      for (int empty = 0; empty < 2; ) {
        int got = consumer.poll(Duration.ofMillis(200)).count();
        count += got;
        empty = got == 0 ? empty + 1 : 0;
      }
      return count;
    }
  }

  /** Reads a topic from the start until {@code expected} records are there (then a little longer). */
  private List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected, boolean committed) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(committed)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      for (int i = 0; i < 5; i++) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private KafkaConsumer<byte[], byte[]> consumer(boolean committed) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
