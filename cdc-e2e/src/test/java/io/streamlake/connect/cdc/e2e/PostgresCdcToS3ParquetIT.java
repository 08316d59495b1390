package io.streamlake.connect.cdc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.cdc.e2e.CdcWorkload.Event;
import io.streamlake.connect.cdc.e2e.CdcWorkload.Table;
import io.streamlake.connect.s3.S3SinkConnector;
import io.streamlake.connect.s3.testing.GlueCatalogStandIn;
import io.streamlake.connect.s3.testing.GlueTableCheck;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import io.streamlake.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference CDC pipeline with real parts: PostgreSQL (a throw-away cluster from {@code .ci/postgres.sh}) →
 * Debezium's Postgres connector (pgoutput, initial snapshot) → Kafka → our sink with our unwrap and type SMTs →
 * Parquet in an in-process S3 endpoint. Both connectors run in one embedded Connect 3.7 worker, configured from
 * the deploy/connectors examples with only the environment (hosts, credentials, bucket, replication factors)
 * and the test's timing (file rotation) changed. Every Parquet row is compared with what PostgreSQL held at its
 * change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCdcToS3ParquetIT {

  private static final String BUCKET = "cdc-lake";
  private static final String TOPICS_DIR = "cdc";
  private static final String SOURCE = "pg-source";
  private static final String SINK = "pg-cdc-s3";
  private static final Pattern FILE = Pattern.compile(TOPICS_DIR + "/(cdc\\.lake\\.\\w+)/year=(\\d{4})/month=(\\d\\d)"
      + "/day=(\\d\\d)/hour=(\\d\\d)/(cdc\\.lake\\.\\w+)\\+0\\+(\\d{10})\\.snappy\\.parquet");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long started = System.nanoTime();
  private PostgresHarness postgres;
  /** Why PostgreSQL is unavailable outside CI; the test is then skipped (reported as skipped, not as passed). */
  private String skipReason;
  /** Whether the unwrap SMT writes {@code __deleted} as a boolean (deleted.field.type=boolean) or as text. */
  private boolean deletedAsBoolean;
  private S3Endpoint s3;
  /** Stand-in for Glue's table API (in-process, AWS JSON 1.1): the sink keeps a table per CDC topic there. */
  private GlueCatalogStandIn glue;
  private KafkaCluster kafka;
  private ConnectCluster connect;
  private final Map<String, List<GenericRecord>> parquetCache = new ConcurrentHashMap<>();

  @BeforeAll
  void start() throws Exception {
    Path script = Path.of(System.getProperty("pg.harness.script", "../.ci/postgres.sh")).toAbsolutePath().normalize();
    try {
      postgres = PostgresHarness.start(script);
    } catch (PostgresHarness.Unavailable e) {
      String message = "PostgreSQL could not be started for the CDC end-to-end test: " + e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + "\nCI=true, so this is a failure: .ci/run installs the "
            + "'postgresql' OS package listed in .ci/apt-packages; see cdc-e2e/README.md.", e);
      }
      skipReason = message;
      System.out.println("SKIPPED: " + message + "\n(install PostgreSQL, e.g. apt-get install postgresql, to run it;"
          + " with CI=true this fails instead)");
      return;
    }
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    glue = new GlueCatalogStandIn("lake");
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("cdc-e2e")
        .workerProperty("connector.client.config.override.policy", "All").start();
    log("PostgreSQL, S3 endpoint and Connect worker up");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (connect != null) {
        connect.close();
      }
      if (kafka != null) {
        kafka.close();
      }
      if (s3 != null) {
        s3.close();
      }
      if (glue != null) {
        glue.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Test
  void changeEventsLandAsParquetRowsEqualToWhatPostgresHeld() throws Exception {
    Assumptions.assumeTrue(skipReason == null, () -> skipReason);
    CdcWorkload workload;
    try (Connection db = postgres.connect()) {
      workload = new CdcWorkload(db);
      workload.createAndSeed(40, 10);
      workload.recordSnapshot();
      int snapshotRows = workload.expectedEvents();

      connect.rest().configureConnector(SOURCE, sourceConfig());
      for (Table table : CdcWorkload.TABLES) {
        int rows = workload.expected(table).size();
        List<ConsumerRecord<byte[], byte[]>> read = kafka.consume(table.topic(), rows, Duration.ofSeconds(90));
        assertThat(read).as("snapshot events of %s in Kafka (source connector status: %s)", table.topic(),
            sourceStatus()).hasSizeGreaterThanOrEqualTo(rows);
      }
      log("initial snapshot in Kafka: " + snapshotRows + " read events");
      // The sink starts once the topics exist (a regex subscription sees new topics only on a metadata refresh)
      // and then runs while the changes stream in.
      connect.rest().configureConnector(SINK, sinkConfig());

      workload.streamChanges();
      for (Table table : CdcWorkload.TABLES) {
        assertThat(workload.replayedState(table)).as("replayed expected events of %s", table.name())
            .isEqualTo(workload.currentState(table));
      }
      log("changes made in PostgreSQL: " + (workload.expectedEvents() - snapshotRows) + " row changes and "
          + workload.truncates() + " truncate");
    }

    int expected = workload.expectedEvents();
    Await.until(Duration.ofSeconds(120), () -> landedRows() >= expected,
        () -> landedRows() + " of " + expected + " change events landed as Parquet rows; keys "
            + s3.keys(BUCKET, TOPICS_DIR + "/") + "; DLQ records " + dlqRecords() + "; sink " + sinkStatus());
    log("all change events landed");

    String sample = dataKeys().get(0);
    System.out.println("Parquet schema of " + sample + ":\n"
        + ParquetFiles.footer(s3.get(BUCKET, sample)).getFileMetaData().getSchema());
    Map<String, Integer> kafkaEvents = new LinkedHashMap<>();
    for (Table table : CdcWorkload.TABLES) {
      kafkaEvents.put(table.topic(), verifyTable(table, workload.expected(table)));
    }
    assertThat(dlqRecords()).as("records in the dead-letter queue").isZero();
    // Only the table topics land: Debezium's heartbeats (own topic) stay out of the lake.
    assertThat(dataKeys()).allSatisfy(key -> assertThat(key).matches(FILE));
    int heartbeats = kafka.consume("__debezium-heartbeat.cdc", Integer.MAX_VALUE, Duration.ofSeconds(2)).size();
    // Nothing more arrives later (no duplicates from a late file, no stray rows from tombstones or truncates).
    Thread.sleep(4_000);
    assertThat(landedRows()).as("Parquet rows after waiting for late files").isEqualTo(expected);

    verifyGlueTables();

    int truncateEvents = countOps(CdcWorkload.PAYMENTS.topic(), kafkaEvents.get(CdcWorkload.PAYMENTS.topic()), "t");
    assertThat(truncateEvents).as("truncate events Debezium emitted").isEqualTo(workload.truncates());
    System.out.printf("CDC end to end: %d change events (%s) went through PostgreSQL -> Debezium -> Kafka "
            + "(%s records incl. tombstones and %d truncate; %d heartbeats on their own topic) -> unwrap + types -> "
            + "S3 Parquet (%d rows in %d files), in %.1f s since start%n", expected, perTable(workload), kafkaEvents,
        truncateEvents, heartbeats, landedRows(), dataKeys().size(), (System.nanoTime() - started) / 1e9);
  }

  /** Checks one table's Parquet rows against its expected events; returns how many records its topic holds. */
  private int verifyTable(Table table, List<Event> expected) throws Exception {
    List<String> keys = dataKeys().stream().filter(k -> k.startsWith(TOPICS_DIR + "/" + table.topic() + "/")).toList();
    assertThat(keys).as("Parquet files of %s", table.topic()).isNotEmpty();
    // Rows in Kafka offset order: files by start offset (one Kafka partition), rows in file order.
    TreeMap<Long, String> byOffset = new TreeMap<>();
    for (String key : keys) {
      Matcher m = FILE.matcher(key);
      assertThat(m.matches()).as("object key %s", key).isTrue();
      assertThat(m.group(6)).isEqualTo(table.topic());
      byOffset.put(Long.parseLong(m.group(7)), key);
    }
    Map<Object, List<Event>> actualByKey = new LinkedHashMap<>();
    Map<Object, List<long[]>> positionsByKey = new HashMap<>();
    int rows = 0;
    for (String key : byOffset.values()) {
      Matcher m = FILE.matcher(key);
      assertThat(m.matches()).isTrue();
      String hourPath = m.group(2) + "-" + m.group(3) + "-" + m.group(4) + "T" + m.group(5);
      byte[] bytes = s3.get(BUCKET, key);
      verifyParquetTypes(table, key, ParquetFiles.footer(bytes).getFileMetaData().getSchema());
      for (GenericRecord record : parquet(key)) {
        rows++;
        verifyAvroTypes(table, key, record.getSchema());
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column column : table.columns()) {
          Schema.Field field = record.getSchema().getField(column.name());
          row.put(column.name(), column.fromParquet(record.get(column.name()), field.schema()));
        }
        String op = String.valueOf(record.get("__op"));
        Object deleted = record.get("__deleted");
        if (deletedAsBoolean) {
          assertThat(deleted).as("__deleted of a %s row in %s", op, key).isEqualTo("d".equals(op));
        } else {
          assertThat(deleted).as("__deleted of a %s row in %s", op, key).isInstanceOf(CharSequence.class);
          assertThat(deleted.toString()).as("__deleted of a %s row in %s", op, key)
              .isEqualTo(String.valueOf("d".equals(op)));
        }
        long sourceTs = (Long) record.get("__source_ts_ms");
        ZonedDateTime time = Instant.ofEpochMilli(sourceTs).atZone(ZoneOffset.UTC);
        assertThat(String.format("%04d-%02d-%02dT%02d", time.getYear(), time.getMonthValue(), time.getDayOfMonth(),
            time.getHour())).as("source-timestamp hour of a row in %s", key).isEqualTo(hourPath);
        Object lsn = record.get(lsnField(record.getSchema()));
        Object rowKey = row.get(table.keyColumn());
        actualByKey.computeIfAbsent(rowKey, k -> new ArrayList<>()).add(new Event(op, rowKey, row));
        positionsByKey.computeIfAbsent(rowKey, k -> new ArrayList<>())
            .add(new long[] {sourceTs, lsn == null ? -1 : ((Number) lsn).longValue(), "r".equals(op) ? 0 : 1});
      }
    }
    assertThat(rows).as("one Parquet row per change event of %s", table.topic()).isEqualTo(expected.size());

    Map<Object, List<Event>> expectedByKey = new LinkedHashMap<>();
    for (Event event : expected) {
      expectedByKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
    }
    assertThat(actualByKey.keySet()).as("keys of %s", table.topic())
        .containsExactlyInAnyOrderElementsOf(expectedByKey.keySet());
    for (Map.Entry<Object, List<Event>> entry : expectedByKey.entrySet()) {
      assertThat(actualByKey.get(entry.getKey())).as("change events of %s key %s, in order", table.topic(),
          entry.getKey()).containsExactlyElementsOf(entry.getValue());
      // Streaming events of a key carry non-decreasing source timestamps and LSNs, after its snapshot read.
      List<long[]> positions = positionsByKey.get(entry.getKey());
      for (int i = 1; i < positions.size(); i++) {
        long[] previous = positions.get(i - 1);
        long[] current = positions.get(i);
        assertThat(current[0]).as("source ts of event %d of key %s", i, entry.getKey()).isGreaterThanOrEqualTo(previous[0]);
        if (previous[2] == 1 && current[2] == 1) {
          assertThat(current[1]).as("LSN of event %d of key %s", i, entry.getKey()).isGreaterThanOrEqualTo(previous[1]);
        }
      }
    }
    return kafka.consume(table.topic(), Integer.MAX_VALUE, Duration.ofSeconds(3)).size();
  }

  /**
   * The sink's Glue table of each CDC topic (glue.enabled) against its Parquet files: every file under the
   * table's projection, and columns (the Debezium types after unwrap and ConvertDebeziumTypes: decimal(12,2),
   * timestamp, date, the __op/__deleted/__source_* columns) equal to what DuckDB reads from the files.
   */
  private void verifyGlueTables() throws Exception {
    Path scratch = Files.createTempDirectory("cdc-glue");
    for (Table table : CdcWorkload.TABLES) {
      String name = table.topic().replace('.', '_');
      Await.until(Duration.ofSeconds(30), () -> glue.table("lake", name).isPresent(),
          () -> "Glue table lake." + name + "; calls " + glue.server().calls().size());
      List<String> keys = dataKeys().stream().filter(k -> k.startsWith(TOPICS_DIR + "/" + table.topic() + "/")).toList();
      Map<String, String> duck = GlueTableCheck.assertParquetTableMatches(glue.table("lake", name).orElseThrow(),
          key -> s3.get(BUCKET, key), BUCKET, keys, scratch);
      System.out.println("Glue table lake." + name + " = DuckDB's columns: " + duck);
    }
  }

  private static String lsnField(Schema schema) {
    return schema.getField("__source_lsn") != null ? "__source_lsn" : "__lsn";
  }

  /** The Parquet schema itself: DECIMAL(12,2), TIMESTAMP, DATE logical types, the CDC metadata columns. */
  private void verifyParquetTypes(Table table, String key, MessageType schema) {
    for (Column column : table.columns()) {
      PrimitiveType type = schema.getType(column.name()).asPrimitiveType();
      LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
      String what = "Parquet type of " + column.name() + " in " + key + ": " + type;
      switch (column.type()) {
        case NUMERIC -> {
          assertThat(logical).as(what).isInstanceOf(LogicalTypeAnnotation.DecimalLogicalTypeAnnotation.class);
          var decimal = (LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical;
          assertThat(decimal.getPrecision()).as(what).isEqualTo(12);
          assertThat(decimal.getScale()).as(what).isEqualTo(2);
        }
        case TIMESTAMP, TIMESTAMPTZ -> {
          assertThat(logical).as(what).isInstanceOf(LogicalTypeAnnotation.TimestampLogicalTypeAnnotation.class);
          assertThat(((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical).isAdjustedToUTC()).as(what)
              .isTrue();
        }
        case DATE -> assertThat(logical).as(what).isInstanceOf(LogicalTypeAnnotation.DateLogicalTypeAnnotation.class);
        case INT -> assertThat(type.getPrimitiveTypeName()).as(what).isEqualTo(PrimitiveType.PrimitiveTypeName.INT32);
        case BIGINT -> assertThat(type.getPrimitiveTypeName()).as(what).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
        case BOOLEAN -> assertThat(type.getPrimitiveTypeName()).as(what)
            .isEqualTo(PrimitiveType.PrimitiveTypeName.BOOLEAN);
        case TEXT, UUID, JSONB -> assertThat(logical).as(what)
            .isInstanceOf(LogicalTypeAnnotation.StringLogicalTypeAnnotation.class);
      }
    }
    for (String metadata : List.of("__deleted", "__op", "__source_ts_ms")) {
      assertThat(schema.containsField(metadata)).as("column %s in %s: %s", metadata, key, schema).isTrue();
    }
    PrimitiveType deleted = schema.getType("__deleted").asPrimitiveType();
    if (deletedAsBoolean) {
      assertThat(deleted.getPrimitiveTypeName()).as("__deleted in %s", key)
          .isEqualTo(PrimitiveType.PrimitiveTypeName.BOOLEAN);
    } else {
      assertThat(deleted.getLogicalTypeAnnotation()).as("__deleted in %s", key)
          .isInstanceOf(LogicalTypeAnnotation.StringLogicalTypeAnnotation.class);
    }
    assertThat(schema.getType("__op").getLogicalTypeAnnotation()).as("__op in %s", key)
        .isInstanceOf(LogicalTypeAnnotation.StringLogicalTypeAnnotation.class);
    assertThat(schema.getType("__source_ts_ms").asPrimitiveType().getPrimitiveTypeName()).as("__source_ts_ms in %s", key)
        .isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
  }

  /** The Avro view parquet-avro reads back: decimal, timestamp-millis, date. */
  private static void verifyAvroTypes(Table table, String key, Schema schema) {
    for (Column column : table.columns()) {
      Schema field = Column.nonNull(schema.getField(column.name()).schema());
      String what = "Avro type of " + column.name() + " in " + key + ": " + field;
      switch (column.type()) {
        case NUMERIC -> assertThat(field.getLogicalType()).as(what).isInstanceOf(LogicalTypes.Decimal.class);
        case TIMESTAMP, TIMESTAMPTZ -> assertThat(field.getLogicalType()).as(what)
            .isInstanceOfAny(LogicalTypes.TimestampMillis.class, LogicalTypes.TimestampMicros.class);
        case DATE -> assertThat(field.getLogicalType()).as(what).isInstanceOf(LogicalTypes.Date.class);
        default -> { }
      }
    }
  }

  private Map<String, String> sourceConfig() throws Exception {
    Map<String, String> config = deployExample("debezium-postgres-source.json");
    config.put("tasks.max", "1");
    config.put("database.hostname", postgres.host());
    config.put("database.port", String.valueOf(postgres.port()));
    config.put("database.user", postgres.user());
    config.put("database.password", postgres.password());
    config.put("database.dbname", postgres.database());
    config.put("topic.prefix", "cdc");
    config.put("schema.include.list", "lake");
    config.put("slot.name", "streamlake_e2e");
    config.put("publication.name", "streamlake_e2e");
    config.put("snapshot.mode", "initial");
    // Debezium 3.x skips truncate events by default; let them through so the unwrap SMT has to drop them.
    config.put("skipped.operations", "none");
    config.put("heartbeat.interval.ms", "1000");
    // One broker: topics the worker creates for the connector get replication factor 1.
    config.put("topic.creation.default.replication.factor", "1");
    config.put("topic.creation.default.partitions", "1");
    return config;
  }

  private Map<String, String> sinkConfig() throws Exception {
    Map<String, String> config = deployExample("postgres-cdc-s3-parquet.json");
    config.put("connector.class", S3SinkConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("topics.regex", "cdc\\.lake\\..*");
    config.put("store.url", s3.endpoint().toString());
    config.put("aws.access.key.id", S3Endpoint.ACCESS_KEY);
    config.put("aws.secret.access.key", S3Endpoint.SECRET_KEY);
    config.put("s3.bucket.name", BUCKET);
    config.put("topics.dir", TOPICS_DIR);
    // Partition by the hour of the source (database commit) timestamp the unwrap SMT adds.
    config.put("timestamp.extractor", "RecordField");
    config.put("timestamp.field", "__source_ts_ms");
    // Test timing: several files per table, and idle files closed after 3 s instead of minutes.
    config.put("flush.size", "40");
    config.put("rotate.interval.ms", "3000");
    config.put("rotate.schedule.interval.ms", "-1");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("glue.enabled", "true");
    config.put("glue.database", "lake");
    config.put("glue.endpoint", glue.endpoint().toString());
    deletedAsBoolean = "boolean".equalsIgnoreCase(config.getOrDefault("transforms.unwrap.deleted.field.type", ""));
    return config;
  }

  /** A connector JSON from deploy/connectors, as users get it. */
  private static Map<String, String> deployExample(String name) throws Exception {
    Path dir = Path.of(System.getProperty("deploy.connectors.dir", "../deploy/connectors"));
    Path file = dir.resolve(name);
    assertThat(file).as("deploy example").exists();
    JsonNode json = JSON.readTree(Files.readString(file));
    Map<String, String> config = new LinkedHashMap<>();
    json.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    return config;
  }

  private List<String> dataKeys() {
    return s3.keys(BUCKET, TOPICS_DIR + "/").stream().filter(k -> k.endsWith(".parquet")).toList();
  }

  private long landedRows() {
    long rows = 0;
    for (String key : dataKeys()) {
      try {
        rows += parquet(key).size();
      } catch (IllegalStateException e) {
        // s3proxy can list an object while its PUT is still being stored; it is counted on the next poll.
      }
    }
    return rows;
  }

  private List<GenericRecord> parquet(String key) {
    return parquetCache.computeIfAbsent(key, k -> {
      try {
        return ParquetFiles.read(s3.get(BUCKET, k));
      } catch (Exception e) {
        throw new IllegalStateException("cannot read " + k, e);
      }
    });
  }

  private int countOps(String topic, int records, String op) throws Exception {
    int count = 0;
    for (ConsumerRecord<byte[], byte[]> record : kafka.consume(topic, records, Duration.ofSeconds(10))) {
      if (record.value() != null && op.equals(JSON.readTree(record.value()).path("payload").path("op").asText())) {
        count++;
      }
    }
    return count;
  }

  private int dlqRecords() {
    String dlq = sinkConfigQuietly().getOrDefault("errors.deadletterqueue.topic.name", "");
    return dlq.isEmpty() ? 0 : kafka.consume(dlq, Integer.MAX_VALUE, Duration.ofSeconds(2)).size();
  }

  private Map<String, String> sinkConfigQuietly() {
    try {
      return deployExample("postgres-cdc-s3-parquet.json");
    } catch (Exception e) {
      return Map.of();
    }
  }

  private String sourceStatus() {
    return status(SOURCE);
  }

  private String sinkStatus() {
    return status(SINK);
  }

  private String status(String connector) {
    try {
      var info = connect.rest().connectorStatus(connector);
      StringBuilder out = new StringBuilder(info.connector().state());
      info.tasks().forEach(t -> out.append(", task ").append(t.id()).append(' ').append(t.state())
          .append(t.trace() == null ? "" : ": " + t.trace()));
      return out.toString();
    } catch (Exception e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String perTable(CdcWorkload workload) {
    Map<String, Map<String, Integer>> ops = new LinkedHashMap<>();
    for (Table table : CdcWorkload.TABLES) {
      Map<String, Integer> counts = new TreeMap<>();
      workload.expected(table).forEach(e -> counts.merge(e.op(), 1, Integer::sum));
      ops.put(table.name(), counts);
    }
    return ops.toString();
  }

  private void log(String message) {
    System.out.printf("[cdc-e2e %5.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
  }
}
