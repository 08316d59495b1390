package io.streamlake.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * End to end (issue item 3): one embedded broker and one Connect worker whose {@code plugin.path} holds our
 * built ZIP (unzipped) and Apache Iceberg's Kafka Connect sink; the in-process S3 endpoint stores objects on
 * disk. N order events are produced first as JSON with schema (lz4-compressed batches), then each connector
 * reads the same topic with the same worker settings and tasks.max, timed from the connector's creation until
 * every record is committed: for ours, the connector's consumer group has committed offset N (the sink commits
 * only offsets durable in S3); for Iceberg, the table's current snapshot holds N records. Both commit about
 * every 5 s (our rotate.schedule.interval.ms, Iceberg's iceberg.control.commit.interval-ms). This JVM must not
 * have our component jars on its class path (the worker would load them from there instead of the ZIP).
 *
 * <p>Systems: {@code ours} (our sink, the worker's JsonConverter), {@code ours-fast} (our sink, our FastJsonConverter
 * set on the connector), {@code iceberg} (Iceberg's sink, the worker's JsonConverter).
 *
 * <p>Arguments: {@code --records=1000000,5000000 --partitions=4 --tasks=2 --warmup=50000 --systems=ours,ours-fast,iceberg
 * --plugin-zip=F --iceberg-plugin=DIR --iceberg-tools=CLASSPATH --work=DIR --timeout-s=1200}.
 */
public final class EndToEndBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "bench";
  private static final String NAMESPACE = "bench";
  private static final String CONTROL_TOPIC = "iceberg-control";
  private static final long COMMIT_INTERVAL_MS = 5000;

  private final Map<String, String> args;
  private final Path work;
  private final int partitions;
  private final int tasks;
  private final long timeoutMs;
  private S3Endpoint s3;
  private KafkaCluster kafka;
  private ConnectCluster connect;
  private Admin admin;

  private EndToEndBench(Map<String, String> args) {
    this.args = args;
    this.work = Path.of(args.getOrDefault("work", "target/e2e")).toAbsolutePath();
    this.partitions = Integer.parseInt(args.getOrDefault("partitions", "4"));
    this.tasks = Integer.parseInt(args.getOrDefault("tasks", "2"));
    this.timeoutMs = Long.parseLong(args.getOrDefault("timeout-s", "1200")) * 1000;
  }

  public static void main(String[] argv) throws Exception {
    EndToEndBench bench = new EndToEndBench(Bench.args(argv));
    Map<String, Object> result;
    try {
      result = bench.run();
    } finally {
      bench.stop();
    }
    Bench.printResult(result);
    System.exit(0);
  }

  private Map<String, Object> run() throws Exception {
    List<String> systems = List.of(args.getOrDefault("systems", "ours,ours-fast,iceberg").split(","));
    List<Long> sizes = new ArrayList<>();
    for (String n : args.getOrDefault("records", "1000000").split(",")) {
      sizes.add(Long.parseLong(n.trim()));
    }
    long warmup = Long.parseLong(args.getOrDefault("warmup", "50000"));
    deleteRecursively(work);
    Files.createDirectories(work);
    Path plugins = work.resolve("plugins");
    unzip(Path.of(args.get("plugin-zip")), plugins);
    String pluginPath = plugins + (systems.contains("iceberg") ? "," + Path.of(args.get("iceberg-plugin")).toAbsolutePath() : "");
    Path warehouse = work.resolve("warehouse");
    List<String> tables = new ArrayList<>();
    if (warmup > 0) {
      tables.add(table(warmup, true));
    }
    sizes.forEach(n -> tables.add(table(n, false)));
    if (systems.contains("iceberg")) {
      createIcebergTables(warehouse, tables);
    }

    Files.createDirectories(work.resolve("s3"));
    s3 = S3Endpoint.onDisk(work.resolve("s3"));
    s3.createBucket(BUCKET);
    startCluster(pluginPath);
    kafka.createTopic(CONTROL_TOPIC, 1);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("partitions", partitions);
    result.put("tasksMax", tasks);
    result.put("commitIntervalMs", COMMIT_INTERVAL_MS);
    result.put("meanJsonValueBytes", Bench.round(OrderEvents.meanJsonBytes(), 1));
    List<Map<String, Object>> runs = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    if (warmup > 0) {
      all.add(-warmup);
    }
    all.addAll(sizes);
    for (long signed : all) {
      boolean isWarmup = signed < 0;
      long n = Math.abs(signed);
      String topic = "orders-" + (isWarmup ? "warmup" : Long.toString(n));
      Map<String, Object> produced = produce(topic, n);
      System.out.printf("e2e produced %s: %s%n", topic, produced);
      for (String system : systems) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("system", system);
        r.put("records", n);
        r.put("warmup", isWarmup);
        r.put("produce", produced);
        r.putAll(system.equals("iceberg") ? runIceberg(topic, n, warehouse, isWarmup)
            : runOurs(system, topic, n, isWarmup));
        System.out.printf("e2e %s: %s%n", system, r);
        if (!isWarmup) {
          runs.add(r);
        }
      }
    }
    result.put("runs", runs);
    result.put("jvm", Bench.jvm());
    return result;
  }

  private static String table(long n, boolean warmup) {
    return "orders_" + (warmup ? "warmup" : Long.toString(n));
  }

  private void startCluster(String pluginPath) {
    // one KRaft broker (transaction and offsets topics with replication 1, as Iceberg's sink needs) and one worker
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("e2e-bench").pluginPath(pluginPath)
        .workerProperty("offset.flush.interval.ms", "1000")
        .workerProperty("value.converter.schemas.enable", "true").start();
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
  }

  private Map<String, Object> produce(String topic, long n) throws Exception {
    kafka.createTopic(topic, partitions);
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    JsonConverter json = OrderEvents.jsonWithSchema();
    long start = System.nanoTime();
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      List<Future<RecordMetadata>> pending = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        byte[] value = OrderEvents.json(json, topic, i);
        bytes += value.length;
        pending.add(producer.send(new ProducerRecord<>(topic, (int) (i % partitions),
            ("k" + i).getBytes(StandardCharsets.UTF_8), value)));
        if (pending.size() == 50_000) {
          for (Future<RecordMetadata> ack : pending) {
            ack.get();
          }
          pending.clear();
        }
      }
      producer.flush();
      for (Future<RecordMetadata> ack : pending) {
        ack.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("seconds", Bench.round(seconds, 1));
    r.put("valueBytes", bytes);
    return r;
  }

  /**
   * Our sink on the topic: {@code ours} reads with the worker's JsonConverter, {@code ours-fast} with our
   * FastJsonConverter from the ZIP, set on the connector (same wire format, so the same produced records).
   */
  private Map<String, Object> runOurs(String system, String topic, long n, boolean warmup) throws Exception {
    String name = system + "-" + topic;
    Map<String, String> config = new HashMap<>();
    switch (system) {
      case "ours" -> { }
      case "ours-fast" -> {
        config.put("value.converter", "io.streamlake.connect.json.FastJsonConverter");
        config.put("value.converter.schemas.enable", "true");
      }
      default -> throw new IllegalArgumentException("--systems: unknown system " + system
          + " (allowed: ours, ours-fast, iceberg)");
    }
    config.put("connector.class", "io.streamlake.connect.s3.S3SinkConnector");
    config.put("tasks.max", Integer.toString(tasks));
    config.put("topics", topic);
    config.put("s3.bucket.name", BUCKET);
    config.put("s3.region", "us-east-1");
    config.put("store.url", s3.endpoint().toString());
    config.put("aws.access.key.id", S3Endpoint.ACCESS_KEY);
    config.put("aws.secret.access.key", S3Endpoint.SECRET_KEY);
    config.put("topics.dir", name);
    config.put("format.class", "parquet");
    config.put("parquet.codec", "snappy");
    config.put("flush.size", "1000000");
    config.put("rotate.schedule.interval.ms", Long.toString(COMMIT_INTERVAL_MS));
    config.put("timezone", "UTC");
    Timing timing = Timing.start();
    connect.rest().configureConnector(name, config);
    long committed = 0;
    String failure = null;
    while (committed < n && timing.elapsedMs() < timeoutMs && failure == null) {
      Thread.sleep(200);
      committed = committedOffsets("connect-" + name);
      failure = failure(name, timing);
    }
    Map<String, Object> r = timing.stop(n, committed);
    if (failure != null) {
      r.put("failure", failure);
    }
    connect.rest().deleteConnector(name);
    if (!warmup) {
      long rows = 0;
      long bytes = 0;
      int files = 0;
      for (String key : s3.keys(BUCKET, name + "/")) {
        if (key.contains("/_epochs/")) {
          continue;
        }
        byte[] object = s3.get(BUCKET, key);
        bytes += object.length;
        files++;
        for (BlockMetaData block : ParquetFiles.footer(object).getBlocks()) {
          rows += block.getRowCount();
        }
      }
      r.put("rowsInS3", rows);
      r.put("files", files);
      r.put("bytes", bytes);
    }
    return r;
  }

  private Map<String, Object> runIceberg(String topic, long n, Path warehouse, boolean warmup) throws Exception {
    String table = table(n, warmup);
    String name = "iceberg-" + topic;
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector");
    config.put("tasks.max", Integer.toString(tasks));
    config.put("topics", topic);
    config.put("iceberg.tables", NAMESPACE + "." + table);
    config.put("iceberg.tables.auto-create-enabled", "false");
    config.put("iceberg.tables.evolve-schema-enabled", "false");
    config.put("iceberg.catalog.catalog-impl", "org.apache.iceberg.hadoop.HadoopCatalog");
    config.put("iceberg.catalog.warehouse", warehouse.toUri().toString());
    config.put("iceberg.control.topic", CONTROL_TOPIC);
    config.put("iceberg.control.commit.interval-ms", Long.toString(COMMIT_INTERVAL_MS));
    // Iceberg's own producer and consumers (control topic, transactions) are configured under iceberg.kafka.
    config.put("iceberg.kafka.bootstrap.servers", kafka.bootstrapServers());
    Path metadata = warehouse.resolve(NAMESPACE).resolve(table).resolve("metadata");
    Timing timing = Timing.start();
    connect.rest().configureConnector(name, config);
    JsonNode summary = null;
    long committed = 0;
    String failure = null;
    while (committed < n && timing.elapsedMs() < timeoutMs && failure == null) {
      Thread.sleep(200);
      summary = icebergSummary(metadata);
      committed = summary == null ? 0 : summary.path("total-records").asLong(0);
      failure = failure(name, timing);
    }
    Map<String, Object> r = timing.stop(n, committed);
    if (failure != null) {
      r.put("failure", failure);
    }
    connect.rest().deleteConnector(name);
    if (summary != null) {
      r.put("files", summary.path("total-data-files").asLong());
      r.put("bytes", summary.path("total-files-size").asLong());
      r.put("snapshots", countSnapshots(metadata));
    }
    return r;
  }

  /** The first failed task's trace (first line), checked every 5 s; null while nothing failed. */
  private String failure(String connector, Timing timing) {
    if (timing.elapsedMs() % 5000 > 250) {
      return null;
    }
    try {
      var status = connect.rest().connectorStatus(connector);
      if ("FAILED".equals(status.connector().state())) {
        return "connector FAILED: " + firstLine(status.connector().trace());
      }
      for (var task : status.tasks()) {
        if ("FAILED".equals(task.state())) {
          return "task " + task.id() + " FAILED: " + firstLine(task.trace());
        }
      }
    } catch (RuntimeException e) {
      // not created yet
    }
    return null;
  }

  private static String firstLine(String trace) {
    return trace == null ? "" : trace.lines().findFirst().orElse("");
  }

  /** Sum of the committed offsets of a consumer group (0 when it has none yet). */
  private long committedOffsets(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get();
    long sum = 0;
    for (OffsetAndMetadata offset : offsets.values()) {
      if (offset != null) {
        sum += offset.offset();
      }
    }
    return sum;
  }

  /** The summary of the current snapshot of a Hadoop-catalog table, read from its metadata files. */
  private static JsonNode icebergSummary(Path metadata) {
    try {
      Path hint = metadata.resolve("version-hint.text");
      if (!Files.exists(hint)) {
        return null;
      }
      String version = Files.readString(hint).trim();
      JsonNode root = JSON.readTree(metadata.resolve("v" + version + ".metadata.json").toFile());
      long current = root.path("current-snapshot-id").asLong(-1);
      for (JsonNode snapshot : root.path("snapshots")) {
        if (snapshot.path("snapshot-id").asLong() == current) {
          return snapshot.path("summary");
        }
      }
      return null;
    } catch (IOException e) {
      return null; // a metadata file being written: try again
    }
  }

  private static int countSnapshots(Path metadata) throws IOException {
    String version = Files.readString(metadata.resolve("version-hint.text")).trim();
    return JSON.readTree(metadata.resolve("v" + version + ".metadata.json").toFile()).path("snapshots").size();
  }

  private void createIcebergTables(Path warehouse, List<String> tables) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", args.get("iceberg-tools"), "io.streamlake.benchmarks.iceberg.IcebergTables", warehouse.toString(),
        NAMESPACE));
    command.addAll(tables);
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("Creating the Iceberg tables failed: " + command);
    }
  }

  private void stop() {
    if (admin != null) {
      admin.close();
    }
    if (connect != null) {
      connect.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (s3 != null) {
      try {
        s3.close();
      } catch (Exception e) {
        System.out.println("Stopping s3proxy failed: " + e);
      }
    }
  }

  private static void unzip(Path zip, Path target) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : Collections.list(file.entries())) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("ZIP entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, out);
          }
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Wall time and this JVM's CPU time (broker, worker, s3proxy, everything) over one connector run. */
  private record Timing(long startNanos, long startCpuNanos, long startEpochMs) {
    static Timing start() {
      return new Timing(System.nanoTime(), cpuNanos(), System.currentTimeMillis());
    }

    long elapsedMs() {
      return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    Map<String, Object> stop(long n, long committed) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double cpu = (cpuNanos() - startCpuNanos) / 1e9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("completed", committed >= n);
      r.put("committed", committed);
      r.put("seconds", Bench.round(seconds, 1));
      r.put("recordsPerSec", Math.round(committed / seconds));
      r.put("processCpuSeconds", Bench.round(cpu, 1));
      r.put("recordsPerCpuSecond", cpu > 0 ? Math.round(committed / cpu) : 0);
      r.put("windowStartMs", startEpochMs);
      r.put("windowEndMs", System.currentTimeMillis());
      return r;
    }

    private static long cpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }
}
