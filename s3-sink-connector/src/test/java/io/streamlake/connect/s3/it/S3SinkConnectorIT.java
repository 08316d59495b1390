package io.streamlake.connect.s3.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.s3.S3SinkConnector;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import io.streamlake.testsupport.Await;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sink in a real Connect worker against an in-process S3 endpoint: the seed connector JSON (Confluent's
 * class names, only {@code connector.class} and {@code store.url} changed), other formats, schemaless JSON
 * and the dead-letter queue. One broker, worker and S3 server for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3SinkConnectorIT {

  private static final String BUCKET = "my-event-lake";
  private static final Pattern FILE = Pattern.compile(
      "topics/order-events/year=(\\d{4})/month=(\\d\\d)/day=(\\d\\d)/hour=(\\d\\d)/order-events\\+(\\d+)\\+(\\d{10})\\.snappy\\.parquet");

  private S3Endpoint s3;
  private KafkaCluster kafka;
  private ConnectCluster connect;
  private final JsonConverter json = new JsonConverter();
  private final Map<String, List<GenericRecord>> parquetCache = new ConcurrentHashMap<>();

  @BeforeAll
  void start() throws Exception {
    // The default credential chain reads these, so the seed config needs no credentials (as on MSK Connect).
    System.setProperty("aws.accessKeyId", S3Endpoint.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3Endpoint.SECRET_KEY);
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("s3-sink-it").start();
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

  private Map<String, String> seedConfig() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/seed-connector.json")) {
      @SuppressWarnings("unchecked")
      Map<String, String> seed = new ObjectMapper().readValue(in, Map.class);
      Map<String, String> config = new HashMap<>(seed);
      config.put("connector.class", S3SinkConnector.class.getName());
      config.put("store.url", s3.endpoint().toString());
      return config;
    }
  }

  private byte[] orderJson(String topic, long id, long timestampMs) {
    return json.fromConnectData(topic, Orders.ORDER, Orders.order(id, timestampMs));
  }

  private List<GenericRecord> parquet(String key) {
    return parquetCache.computeIfAbsent(key, k -> {
      try {
        return ParquetFiles.read(s3.get(BUCKET, k));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Data objects under a prefix; epoch markers ({@code <topics.dir>/_epochs/}) are left out. */
  private List<String> dataKeys(String prefix) {
    return s3.keys(BUCKET, prefix).stream().filter(k -> !k.contains("/_epochs/")).toList();
  }

  private long parquetRows(String prefix) {
    long rows = 0;
    for (String key : dataKeys(prefix)) {
      try {
        rows += parquet(key).size();
      } catch (IllegalStateException e) {
        // s3proxy can list a key while its PUT is still being stored; count it on the next poll.
        System.out.println("not yet readable: " + key + " (" + e.getCause().getClass().getSimpleName() + ")");
      }
    }
    return rows;
  }

  @Test
  void seedConfigLandsHourlyParquetAcrossTheYearBoundary() throws Exception {
    int partitions = 3;
    int perPartition = 400;
    long start = Instant.parse("2026-12-31T21:00:00Z").toEpochMilli();
    kafka.createTopic("order-events", partitions);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      for (int i = 0; i < perPartition; i++) {
        // The id equals the record's offset: each partition is produced in order into a fresh topic.
        long ts = start + i * 45_000L + p * 7_000L;
        records.add(new ProducerRecord<>("order-events", p, null, orderJson("order-events", i, ts)));
      }
      // One record a day later closes the last 5-minute epoch by record time (rotate.interval.ms); it stays
      // open itself, so its offset must not be committed.
      records.add(new ProducerRecord<>("order-events", p, null,
          orderJson("order-events", perPartition, start + 86_400_000L)));
    }
    kafka.produce(records);
    connect.rest().configureConnector("seed", seedConfig());

    long expected = (long) partitions * perPartition;
    Await.until(Duration.ofSeconds(120), () -> parquetRows("topics/order-events/") >= expected,
        () -> parquetRows("topics/order-events/") + " of " + expected + " rows landed");

    Map<Integer, TreeSet<Long>> idsByPartition = new TreeMap<>();
    Map<Integer, TreeMap<Long, Long>> fileRanges = new TreeMap<>();
    List<String> keys = dataKeys("topics/order-events/");
    Instant firstHour = null;
    for (String key : keys) {
      Matcher m = FILE.matcher(key);
      assertThat(m.matches()).as(key).isTrue();
      int partition = Integer.parseInt(m.group(5));
      long startOffset = Long.parseLong(m.group(6));
      List<GenericRecord> rows = parquet(key);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (GenericRecord row : rows) {
        long id = (Long) row.get("id");
        ZonedDateTime time = Instant.ofEpochMilli((Long) row.get("timestamp")).atZone(ZoneOffset.UTC);
        assertThat(String.format("%04d/%02d/%02d/%02d", time.getYear(), time.getMonthValue(), time.getDayOfMonth(),
            time.getHour())).as("prefix of row %d in %s", id, key)
            .isEqualTo(m.group(1) + "/" + m.group(2) + "/" + m.group(3) + "/" + m.group(4));
        assertThat(idsByPartition.computeIfAbsent(partition, x -> new TreeSet<>()).add(id))
            .as("duplicate id %d in partition %d", id, partition).isTrue();
        min = Math.min(min, id);
        max = Math.max(max, id);
      }
      assertThat(startOffset).as("file name offset of " + key).isEqualTo(min);
      assertThat(max - min + 1).as("offsets in " + key + " are contiguous").isEqualTo(rows.size());
      fileRanges.computeIfAbsent(partition, x -> new TreeMap<>()).put(min, max);
      assertThat(ParquetFiles.footer(s3.get(BUCKET, key)).getBlocks().get(0).getColumns().get(0).getCodec())
          .isEqualTo(CompressionCodecName.SNAPPY);
    }
    assertThat(keys).anyMatch(k -> k.contains("year=2026/month=12/day=31/hour=23"))
        .anyMatch(k -> k.contains("year=2027/month=01/day=01/hour=00"))
        .noneMatch(k -> k.contains("year=2027/month=12"));
    for (int p = 0; p < partitions; p++) {
      assertThat(idsByPartition.get(p)).as("partition " + p).hasSize(perPartition);
      assertThat(idsByPartition.get(p).first()).isZero();
      assertThat(idsByPartition.get(p).last()).isEqualTo(perPartition - 1);
      // Files of one partition tile its offsets without gaps or overlaps.
      long next = 0;
      for (Map.Entry<Long, Long> range : fileRanges.get(p).entrySet()) {
        assertThat(range.getKey()).isEqualTo(next);
        next = range.getValue() + 1;
      }
    }
    Await.until(Duration.ofSeconds(30), () -> committedOffsets("connect-seed").size() == partitions
            && committedOffsets("connect-seed").values().stream().allMatch(o -> o.offset() == perPartition),
        () -> "committed offsets " + committedOffsets("connect-seed"));
    System.out.printf("seed config: %d rows in %d Parquet files, committed offsets %s%n", expected, keys.size(),
        committedOffsets("connect-seed"));
    connect.rest().deleteConnector("seed");
  }

  private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> basicConfig(String topic, String dir) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", S3SinkConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("s3.bucket.name", BUCKET);
    config.put("s3.region", "us-east-1");
    config.put("store.url", s3.endpoint().toString());
    config.put("topics.dir", dir);
    config.put("flush.size", "50");
    return config;
  }

  @Test
  void jsonLinesGzipAndAvroFromTheSameTopic() throws Exception {
    kafka.createTopic("formats", 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(new ProducerRecord<>("formats", 0, null, orderJson("formats", i, 1_000L * i)));
    }
    kafka.produce(records);
    Map<String, String> jsonConfig = basicConfig("formats", "json");
    jsonConfig.put("format.class", "io.confluent.connect.s3.format.json.JsonFormat");
    jsonConfig.put("s3.compression.type", "gzip");
    connect.rest().configureConnector("formats-json", jsonConfig);
    Map<String, String> avroConfig = basicConfig("formats", "avro");
    avroConfig.put("format.class", "avro");
    avroConfig.put("avro.codec", "snappy");
    connect.rest().configureConnector("formats-avro", avroConfig);

    Await.until(Duration.ofSeconds(60), () -> dataKeys("json/").size() == 2 && dataKeys("avro/").size() == 2,
        () -> dataKeys("json/") + " " + dataKeys("avro/"));
    assertThat(dataKeys("json/")).containsExactly("json/formats/partition=0/formats+0+0000000000.json.gz",
        "json/formats/partition=0/formats+0+0000000050.json.gz");
    // One exactly-once marker per epoch, under <topics.dir>/_epochs/, named after the epoch's first offset.
    assertThat(s3.keys(BUCKET, "json/_epochs/")).containsExactly("json/_epochs/formats/0/0000000000000000000.json",
        "json/_epochs/formats/0/0000000000000000050.json");
    int lines = 0;
    for (String key : dataKeys("json/")) {
      String text = new String(new GZIPInputStream(new ByteArrayInputStream(s3.get(BUCKET, key))).readAllBytes(),
          StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        assertThat(new ObjectMapper().readTree(line).get("id").asLong()).isEqualTo(lines++);
      }
    }
    assertThat(lines).isEqualTo(100);
    int rows = 0;
    for (String key : dataKeys("avro/")) {
      assertThat(key).endsWith(".avro");
      try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(s3.get(BUCKET, key)),
          new GenericDatumReader<>())) {
        for (GenericRecord row : in) {
          assertThat(row.get("id")).isEqualTo((long) rows++);
        }
      }
    }
    assertThat(rows).isEqualTo(100);
    connect.rest().deleteConnector("formats-json");
    connect.rest().deleteConnector("formats-avro");
  }

  @Test
  void keysAndHeadersLandInSideFilesNextToEachDataFile() throws Exception {
    kafka.createTopic("keyed", 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      List<org.apache.kafka.common.header.Header> headers = List.of(
          new org.apache.kafka.common.header.internals.RecordHeader("trace", ("t" + i).getBytes(StandardCharsets.UTF_8)),
          new org.apache.kafka.common.header.internals.RecordHeader("n", Integer.toString(i).getBytes(
              StandardCharsets.UTF_8)));
      records.add(new ProducerRecord<>("keyed", 0, 1_000L * i, ("k" + i).getBytes(StandardCharsets.UTF_8),
          orderJson("keyed", i, 1_000L * i), headers));
    }
    kafka.produce(records);
    Map<String, String> config = basicConfig("keyed", "keyed");
    config.put("format.class", "parquet");
    config.put("flush.size", "15");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("store.kafka.keys", "true");
    config.put("store.kafka.headers", "true");
    config.put("headers.format.class", "io.confluent.connect.s3.format.json.JsonFormat");
    connect.rest().configureConnector("keyed", config);
    String base = "keyed/keyed/partition=0/keyed+0+";
    Await.until(Duration.ofSeconds(60), () -> dataKeys("keyed/").size() == 6, () -> dataKeys("keyed/").toString());
    assertThat(dataKeys("keyed/")).containsExactlyInAnyOrder(
        base + "0000000000.snappy.parquet", base + "0000000000.keys.avro", base + "0000000000.headers.json",
        base + "0000000015.snappy.parquet", base + "0000000015.keys.avro", base + "0000000015.headers.json");
    for (String first : List.of("0000000000", "0000000015")) {
      List<GenericRecord> rows = parquet(base + first + ".snappy.parquet");
      List<String> keys = new ArrayList<>();
      try (DataFileStream<Object> in = new DataFileStream<>(new ByteArrayInputStream(
          s3.get(BUCKET, base + first + ".keys.avro")), new GenericDatumReader<>())) {
        in.forEach(key -> keys.add(String.valueOf(key)));
      }
      String[] headers = new String(s3.get(BUCKET, base + first + ".headers.json"), StandardCharsets.UTF_8)
          .split("\n");
      assertThat(rows).hasSize(15);
      assertThat(keys).hasSize(15);
      assertThat(headers).hasSize(15);
      for (int i = 0; i < rows.size(); i++) {
        long id = (Long) rows.get(i).get("id");
        assertThat(keys.get(i)).isEqualTo("k" + id);
        assertThat(headers[i]).isEqualTo("{\"headers\":[{\"key\":\"trace\",\"value\":\"t" + id + "\"},"
            + "{\"key\":\"n\",\"value\":\"" + id + "\"}]}");
      }
    }
    connect.rest().deleteConnector("keyed");
  }

  @Test
  void schemalessJsonBecomesParquetWithADeclaredSchema() throws Exception {
    kafka.createTopic("clicks", 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String value = "{\"user\":\"u" + i + "\",\"region\":\"" + (i % 2 == 0 ? "eu/west" : "us") + "\",\"ms\":" + i
          + ",\"at\":\"2026-05-01T10:00:0" + (i % 10) + "Z\"}";
      records.add(new ProducerRecord<>("clicks", 0, null, value.getBytes(StandardCharsets.UTF_8)));
    }
    kafka.produce(records);
    Map<String, String> config = basicConfig("clicks", "schemaless");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("format.class", "parquet");
    config.put("flush.size", "40");
    config.put("partitioner.class", "field");
    config.put("partition.field.name", "region");
    config.put("schemaless.avro.schema", "{\"type\":\"record\",\"name\":\"Click\",\"fields\":["
        + "{\"name\":\"user\",\"type\":\"string\"},{\"name\":\"region\",\"type\":\"string\"},"
        + "{\"name\":\"ms\",\"type\":\"long\"},"
        + "{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}]}");
    connect.rest().configureConnector("schemaless", config);
    Await.until(Duration.ofSeconds(60), () -> parquetRows("schemaless/") == 40, () -> dataKeys("schemaless/").toString());
    assertThat(dataKeys("schemaless/")).containsExactly(
        "schemaless/clicks/region=eu%2Fwest/clicks+0+0000000000.snappy.parquet",
        "schemaless/clicks/region=us/clicks+0+0000000001.snappy.parquet");
    GenericRecord first = parquet("schemaless/clicks/region=eu%2Fwest/clicks+0+0000000000.snappy.parquet").get(0);
    assertThat(first.get("user").toString()).isEqualTo("u0");
    assertThat(first.get("at")).isEqualTo(Instant.parse("2026-05-01T10:00:00Z").toEpochMilli());
    connect.rest().deleteConnector("schemaless");
  }

  @Test
  void malformedRecordsGoToTheDeadLetterQueueWhileTheRestLand() throws Exception {
    kafka.createTopic("dirty", 1);
    kafka.createTopic("dirty-dlq", 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      byte[] value;
      if (i == 3) {
        value = "{not json".getBytes(StandardCharsets.UTF_8); // the converter fails
      } else if (i == 7) {
        // Valid JSON whose timestamp field is null: the sink cannot place it in time.
        String text = new String(json.fromConnectData("dirty", Orders.ORDER, Orders.order(i, 0L)),
            StandardCharsets.UTF_8);
        value = text.replace("\"timestamp\":0,", "\"timestamp\":null,")
            .replace("{\"type\":\"int64\",\"optional\":false,\"field\":\"timestamp\"}",
                "{\"type\":\"int64\",\"optional\":true,\"field\":\"timestamp\"}")
            .getBytes(StandardCharsets.UTF_8);
      } else {
        value = orderJson("dirty", i, 1_000L * i);
      }
      records.add(new ProducerRecord<>("dirty", 0, null, value));
    }
    kafka.produce(records);
    Map<String, String> config = basicConfig("dirty", "dirty");
    config.put("format.class", "parquet");
    config.put("flush.size", "10");
    config.put("partitioner.class", "hourly");
    config.put("timezone", "UTC");
    config.put("timestamp.extractor", "RecordField");
    config.put("timestamp.field", "timestamp");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", "dirty-dlq");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    connect.rest().configureConnector("dirty", config);
    Await.until(Duration.ofSeconds(60), () -> parquetRows("dirty/") == 10, () -> dataKeys("dirty/").toString());
    var dlq = kafka.consume("dirty-dlq", 2, Duration.ofSeconds(30));
    assertThat(dlq).extracting(r -> r.headers().lastHeader("__connect.errors.offset"))
        .extracting(h -> new String(h.value(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder("3", "7");
    assertThat(dlq).extracting(r -> new String(r.headers().lastHeader("__connect.errors.exception.message").value(),
        StandardCharsets.UTF_8)).anyMatch(m -> m.contains("timestamp") && m.contains("dirty-0@7"));
    connect.rest().deleteConnector("dirty");
  }

  private void produceOrders(String topic, int partitions, long fromId, long toId) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (long id = fromId; id < toId; id++) {
      records.add(new ProducerRecord<>(topic, (int) (id % partitions), null, orderJson(topic, id, 1_000L * id)));
    }
    kafka.produce(records);
  }

  private Map<Long, Integer> landedIds(String prefix) {
    Map<Long, Integer> ids = new HashMap<>();
    for (String key : dataKeys(prefix)) {
      parquet(key).forEach(row -> ids.merge((Long) row.get("id"), 1, Integer::sum));
    }
    return ids;
  }

  @Test
  void regexRouterRenamesThePathWhileOffsetsAreCommittedForTheSourcePartitions() throws Exception {
    String source = "db.inventory.orders";
    kafka.createTopic(source, 2);
    Map<String, String> config = basicConfig(source, "routed");
    config.put("format.class", "parquet");
    config.put("flush.size", "25");
    config.put("transforms", "route");
    config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.route.regex", "db\\.inventory\\.(.*)");
    config.put("transforms.route.replacement", "$1");
    produceOrders(source, 2, 0, 210); // 105 per partition: four files of 25 each, and an open epoch of 5
    connect.rest().configureConnector("routed", config);
    Await.until(Duration.ofSeconds(60), () -> parquetRows("routed/") == 200, () -> dataKeys("routed/").toString());

    // Restart in the middle of an epoch: the new task replays it from the committed source offsets.
    connect.rest().deleteConnector("routed");
    produceOrders(source, 2, 210, 400);
    connect.rest().configureConnector("routed", config);
    Await.until(Duration.ofSeconds(60), () -> parquetRows("routed/") == 400, () -> dataKeys("routed/").toString());

    Map<Long, Integer> ids = landedIds("routed/");
    assertThat(ids).hasSize(400);
    assertThat(ids.values()).containsOnly(1);
    assertThat(dataKeys("routed/")).allMatch(k -> k.matches(
        "routed/orders/partition=[01]/db\\.inventory\\.orders\\+[01]\\+\\d{10}\\.snappy\\.parquet"), "renamed path");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()))) {
      Await.until(Duration.ofSeconds(60), () -> {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
          committed = admin.listConsumerGroupOffsets("connect-routed").partitionsToOffsetAndMetadata().get();
        } catch (Exception e) {
          return false;
        }
        return committed.getOrDefault(new TopicPartition(source, 0), new OffsetAndMetadata(0)).offset() == 200
            && committed.getOrDefault(new TopicPartition(source, 1), new OffsetAndMetadata(0)).offset() == 200;
      }, () -> "committed offsets of connect-routed");
    }
    connect.rest().deleteConnector("routed");
  }

  private static final org.apache.kafka.connect.data.Schema ROW = org.apache.kafka.connect.data.SchemaBuilder
      .struct().name("row")
      .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
      .field("region", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
      .field("ts", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
      .build();
  private static final org.apache.kafka.connect.data.Schema ROW_TEXT_TS = org.apache.kafka.connect.data.SchemaBuilder
      .struct().name("row")
      .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
      .field("region", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
      .field("ts", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  private byte[] row(long id, String region, Object ts) {
    org.apache.kafka.connect.data.Schema schema = ts instanceof String ? ROW_TEXT_TS : ROW;
    org.apache.kafka.connect.data.Struct value = new org.apache.kafka.connect.data.Struct(schema)
        .put("id", id).put("region", region).put("ts", ts);
    return json.fromConnectData("poison", schema, value);
  }

  @Test
  void poisonRecordsGoToTheDeadLetterQueueAndTheTaskKeepsRunning() throws Exception {
    kafka.createTopic("poison", 1);
    kafka.createTopic("poison-dlq", 1);
    long s = 1_798_761_600L;
    List<byte[]> values = new ArrayList<>();
    List<Long> good = new ArrayList<>();
    List<Long> bad = new ArrayList<>();
    java.util.function.BiConsumer<byte[], Boolean> add = (value, ok) -> {
      (ok ? good : bad).add((long) values.size());
      values.add(value);
    };
    add.accept(row(0, "eu", s), true);
    add.accept(null, false); // tombstone: behavior.on.null.values=fail
    add.accept(row(2, "eu", null), false); // null timestamp
    add.accept(row(3, "eu", 1_798_761_600_000_000_000L), false); // nanoseconds read as seconds: overflow
    add.accept(row(4, "eu", "yesterday"), false); // unparsable
    add.accept(row(5, "eu", "+300000000-01-01T00:00:00Z"), false); // beyond epoch milliseconds
    add.accept(row(6, "東".repeat(2_000), s), false); // key over 1,024 bytes
    add.accept(row(7, "a/b", s), true);
    add.accept(row(8, "..", s), true);
    add.accept(row(9, "x=y", s), true);
    add.accept(row(10, "100%", s), true);
    add.accept(row(11, "", s), true);
    add.accept(row(12, "eu", s + 1), true);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (byte[] value : values) {
      records.add(new ProducerRecord<>("poison", 0, "k".getBytes(StandardCharsets.UTF_8), value));
    }
    kafka.produce(records);

    Map<String, String> config = basicConfig("poison", "poison");
    config.put("format.class", "parquet");
    config.put("flush.size", Integer.toString(good.size()));
    config.put("partitioner.class", "field");
    config.put("partition.field.name", "region");
    config.put("timestamp.extractor", "RecordField");
    config.put("timestamp.field", "ts");
    config.put("timestamp.field.unit", "s");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", "poison-dlq");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    connect.rest().configureConnector("poison", config);
    Await.until(Duration.ofSeconds(60), () -> parquetRows("poison/") == good.size(),
        () -> dataKeys("poison/").toString());
    var dlq = kafka.consume("poison-dlq", bad.size(), Duration.ofSeconds(30));
    assertThat(dlq).extracting(r -> Long.parseLong(new String(r.headers().lastHeader("__connect.errors.offset")
        .value(), StandardCharsets.UTF_8))).containsExactlyInAnyOrderElementsOf(bad);
    assertThat(dlq).extracting(r -> new String(r.headers().lastHeader("__connect.errors.exception.message")
        .value(), StandardCharsets.UTF_8)).allMatch(m -> m.contains("poison-0@"));
    Map<Long, Integer> ids = landedIds("poison/");
    assertThat(ids.keySet()).containsExactlyInAnyOrderElementsOf(good);
    assertThat(ids.values()).containsOnly(1);
    var status = connect.rest().connectorStatus("poison");
    assertThat(status.tasks()).extracting(t -> t.state()).containsOnly("RUNNING");
    connect.rest().deleteConnector("poison");
  }
}
