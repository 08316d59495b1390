package io.streamlake.connect.s3.catalog;

import static io.streamlake.connect.s3.catalog.CatalogConfigs.hourlyParquet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.GlueCatalogStandIn;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.testsupport.AwsJsonStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The syncer's Glue requests against {@link GlueCatalogStandIn}, an in-process stand-in for Glue's table API
 * (AWS JSON 1.1 on 127.0.0.1), through the real SDK client that {@link Catalogs} builds.
 */
class CatalogSyncerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PARTITION = "year=2026/month=12/day=06/hour=02";

  private final GlueCatalogStandIn glue = new GlueCatalogStandIn("lake");
  private final List<Catalogs.Handle> handles = new ArrayList<>();

  @AfterEach
  void stop() {
    handles.forEach(Catalogs.Handle::close);
    glue.close();
  }

  private CatalogSyncer syncer(String... keyValues) {
    Map<String, String> props = new HashMap<>(hourlyParquet());
    props.put("glue.endpoint", glue.endpoint().toString());
    props.put("glue.region", "eu-west-1");
    props.put("aws.access.key.id", "AKIDSINKTEST");
    props.put("aws.secret.access.key", "not-a-secret");
    props.put("s3.retry.backoff.ms", "5");
    // a retry cycle of 10 s: room for a cold client's first calls and for lost races
    props.put("glue.retry.max.backoff.ms", "1000");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    Catalogs.Handle handle = Catalogs.create(new S3SinkConfig(props), "glue-test");
    handles.add(handle);
    return handle.syncer();
  }

  private static void idle(CatalogSyncer syncer) throws InterruptedException {
    assertThat(syncer.awaitIdle(Duration.ofSeconds(20))).as("catalog thread idle").isTrue();
  }

  private List<String> columns(String field) {
    JsonNode table = glue.table("lake", "orders").orElseThrow();
    List<String> out = new ArrayList<>();
    table.path("StorageDescriptor").path(field).forEach(c -> out.add(c.get("Name").asText() + " " + c.get("Type").asText()));
    table.path(field).forEach(c -> out.add(c.get("Name").asText() + " " + c.get("Type").asText()));
    return out;
  }

  @Test
  void firstFileCreatesTheTableWithColumnsKeysSerdeAndProjection() throws Exception {
    CatalogSyncer syncer = syncer();
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    idle(syncer);

    assertThat(glue.server().calls()).extracting(AwsJsonStandIn.Call::operation)
        .containsExactly("GetTable", "CreateTable");
    assertThat(glue.server().calls()).extracting(AwsJsonStandIn.Call::accessKeyId).containsOnly("AKIDSINKTEST");
    JsonNode table = glue.table("lake", "orders").orElseThrow();
    assertThat(table.path("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
    assertThat(columns("Columns")).containsExactly("id bigint", "customer string", "amount decimal(12,2)",
        "timestamp bigint", "created timestamp", "note string", "tags array<string>",
        "address struct<city:string,zip:string>");
    assertThat(columns("PartitionKeys")).containsExactly("year bigint", "month string", "day string", "hour string");
    JsonNode sd = table.path("StorageDescriptor");
    assertThat(sd.path("Location").asText()).isEqualTo("s3://lake/topics/orders/");
    assertThat(sd.path("SerdeInfo").path("SerializationLibrary").asText())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    assertThat(sd.path("InputFormat").asText()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
    JsonNode parameters = table.path("Parameters");
    assertThat(parameters.path("projection.enabled").asText()).isEqualTo("true");
    assertThat(parameters.path("projection.hour.range").asText()).isEqualTo("0,23");
    assertThat(parameters.path("storage.location.template").asText())
        .isEqualTo("s3://lake/topics/orders/year=${year}/month=${month}/day=${day}/hour=${hour}/");
    assertThat(syncer.metrics().tablesCreated()).isEqualTo(1);
  }

  @Test
  void knownSchemasCostNoCallAndNewOnesAppendColumns() throws Exception {
    CatalogSyncer syncer = syncer();
    for (int i = 0; i < 200; i++) {
      syncer.filePublished("orders", Orders.ORDER, PARTITION);
    }
    idle(syncer);
    int before = glue.server().calls().size();
    assertThat(before).isEqualTo(2);
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    idle(syncer);
    assertThat(glue.server().calls()).hasSize(2);

    syncer.filePublished("orders", Orders.ORDER_V2, PARTITION);
    idle(syncer);
    assertThat(glue.server().calls().subList(2, glue.server().calls().size()))
        .extracting(AwsJsonStandIn.Call::operation).containsExactly("GetTable", "UpdateTable");
    assertThat(glue.server().calls("UpdateTable").get(0).body().path("VersionId").asText()).isEqualTo("1");
    assertThat(columns("Columns")).endsWith("channel string").hasSize(9);
    // An older schema again: already in the table, nothing to write.
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    idle(syncer);
    assertThat(glue.server().calls("UpdateTable")).hasSize(1);
    assertThat(syncer.metrics().tablesUpdated()).isEqualTo(1);
  }

  @Test
  void transientFailuresAreRetriedUntilTheTableIsThere() throws Exception {
    CatalogSyncer syncer = syncer();
    glue.server().failNext(2, 500, "InternalServiceException");
    glue.server().failNext(2, 400, "ThrottlingException");
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    idle(syncer);
    assertThat(glue.server().injectedFailures()).isEqualTo(4);
    assertThat(glue.table("lake", "orders")).isPresent();
    assertThat(syncer.metrics().failures()).isZero();
    assertThat(glue.server().calls("CreateTable")).hasSize(1);
  }

  @Test
  void aTopicThatKeepsFailingGivesUpAfterItsRetryCycleSoOthersProceed() throws Exception {
    AtomicInteger ordersReads = new AtomicInteger();
    glue.server().on("AWSGlue.GetTable", request -> {
      String name = request.path("Name").asText();
      if (name.equals("orders")) {
        ordersReads.incrementAndGet();
        throw new AwsJsonStandIn.AwsError(503, "ServiceUnavailableException", "Glue is having a bad day");
      }
      JsonNode table = glue.table("lake", name).orElseThrow(
          () -> AwsJsonStandIn.notFound("EntityNotFoundException", "Table " + name + " not found."));
      return Map.of("Table", table);
    });
    // back-off 5 ms doubling to 40 ms: the cycle ends within 10 x 40 ms
    CatalogSyncer syncer = syncer("glue.retry.max.backoff.ms", "40");
    long start = System.nanoTime();
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    syncer.filePublished("returns", Orders.ORDER, PARTITION);
    assertThat(syncer.awaitIdle(Duration.ofSeconds(10))).as("catalog thread idle").isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    assertThat(ordersReads.get()).isGreaterThan(1); // retried first
    assertThat(glue.table("lake", "returns")).isPresent();
    assertThat(glue.table("lake", "orders")).isEmpty();
    assertThat(syncer.metrics().failures()).isEqualTo(1);
    assertThat(syncer.metrics().lastError()).contains("Glue table lake.orders").contains("attempts").contains("503");
  }

  @Test
  void anUnreachableEndpointIsGivenUpAfterTheRetryCycle() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    // A network failure (SdkClientException) is transient, like an unknown glue.endpoint host: retried, not for ever.
    CatalogSyncer syncer = syncer("glue.endpoint", "http://127.0.0.1:" + closedPort, "glue.retry.max.backoff.ms", "40");
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    assertThat(syncer.awaitIdle(Duration.ofSeconds(10))).as("catalog thread idle").isTrue();
    assertThat(syncer.metrics().failures()).isEqualTo(1);
    assertThat(syncer.metrics().lastError()).contains("attempts").contains(String.valueOf(closedPort));
  }

  @Test
  void theRetryCycleIsTenLongestBackoffs() {
    assertThat(Catalogs.retryCycleMs(60_000)).isEqualTo(600_000);
    assertThat(Catalogs.retryCycleMs(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aMissingDatabaseIsReportedNotRetriedForEver() throws Exception {
    CatalogSyncer syncer = syncer("glue.database", "nowhere", "glue.retry.max.backoff.ms", "60000");
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    idle(syncer);
    assertThat(syncer.metrics().failures()).isEqualTo(1);
    assertThat(syncer.metrics().lastError()).contains("nowhere");
    assertThat(glue.server().calls("CreateTable")).isEmpty();
    // Within the cool-down, the next files do not call Glue again.
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    idle(syncer);
    assertThat(glue.server().calls()).hasSize(1);
  }

  @Test
  void anIncompatibleChangeLeavesTheTableAndIsCounted() throws Exception {
    CatalogSyncer syncer = syncer();
    Schema v1 = SchemaBuilder.struct().name("T").field("id", Schema.INT32_SCHEMA).build();
    Schema v2 = SchemaBuilder.struct().name("T").field("id", Schema.STRING_SCHEMA).build();
    syncer.filePublished("orders", v1, PARTITION);
    idle(syncer);
    syncer.filePublished("orders", v2, PARTITION);
    idle(syncer);
    assertThat(glue.server().calls("UpdateTable")).isEmpty();
    assertThat(columns("Columns")).containsExactly("id int");
    assertThat(syncer.metrics().incompatibleSchemas()).isEqualTo(1);
    assertThat(syncer.metrics().lastError()).contains("column id").contains("int").contains("string");
    // Reported once: the same schema again makes no call.
    int calls = glue.server().calls().size();
    syncer.filePublished("orders", v2, PARTITION);
    idle(syncer);
    assertThat(glue.server().calls()).hasSize(calls);
  }

  @Test
  void anIncompatibleSchemaInABatchSetsAsideOnlyItself() throws Exception {
    // Hold the thread on another topic's read, so the three schemas of orders queue up as one batch.
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    glue.server().on("AWSGlue.GetTable", request -> {
      if (first.compareAndSet(true, false)) {
        await(release);
      }
      JsonNode table = glue.table("lake", request.path("Name").asText()).orElseThrow(
          () -> AwsJsonStandIn.notFound("EntityNotFoundException", "Table not found."));
      return Map.of("Table", table);
    });
    CatalogSyncer syncer = syncer();
    Schema v1 = SchemaBuilder.struct().name("T").field("id", Schema.INT32_SCHEMA).build();
    Schema clash = SchemaBuilder.struct().name("T").field("id", Schema.STRING_SCHEMA).build();
    Schema v2 = SchemaBuilder.struct().name("T").field("id", Schema.INT32_SCHEMA)
        .field("note", Schema.OPTIONAL_STRING_SCHEMA).build();
    syncer.filePublished("returns", v1, PARTITION);
    syncer.filePublished("orders", v1, PARTITION);
    syncer.filePublished("orders", clash, PARTITION);
    syncer.filePublished("orders", v2, PARTITION);
    release.countDown();
    idle(syncer);

    assertThat(columns("Columns")).containsExactly("id int", "note string");
    assertThat(syncer.metrics().incompatibleSchemas()).isEqualTo(1);
    assertThat(syncer.metrics().lastError()).contains("column id");
    int calls = glue.server().calls().size();
    for (Schema schema : List.of(v1, clash, v2)) {
      syncer.filePublished("orders", schema, PARTITION);
    }
    idle(syncer);
    assertThat(glue.server().calls()).hasSize(calls);
  }

  @Test
  void anUnexpectedFailureCostsOneTopicNotTheCatalogThread() throws Exception {
    CatalogSyncer syncer = syncer("format.class", "json", "glue.retry.max.backoff.ms", "60000");
    // A decimal without its scale parameter: HiveTypes fails with a NumberFormatException, not a CatalogException.
    Schema broken = SchemaBuilder.struct().name("T").field("amount",
        SchemaBuilder.bytes().name(Decimal.LOGICAL_NAME).parameter("connect.decimal.precision", "12").build()).build();
    Schema fine = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA).build();
    syncer.filePublished("orders", broken, PARTITION);
    syncer.filePublished("returns", fine, PARTITION);
    assertThat(syncer.awaitIdle(Duration.ofSeconds(10))).as("catalog thread idle").isTrue();
    assertThat(syncer.metrics().failures()).isEqualTo(1);
    assertThat(syncer.metrics().lastError()).contains("NumberFormatException");
    assertThat(glue.table("lake", "returns")).isPresent();
    assertThat(glue.table("lake", "orders")).isEmpty();

    // The thread still takes work: a new topic gets its table.
    syncer.filePublished("refunds", fine, PARTITION);
    idle(syncer);
    assertThat(glue.table("lake", "refunds")).isPresent();
    // The failed topic cools down like any failed topic: no new attempt within glue.retry.max.backoff.ms.
    syncer.filePublished("orders", broken, PARTITION);
    idle(syncer);
    assertThat(syncer.metrics().failures()).isEqualTo(1);
  }

  @Test
  void aTableCreatedByAnotherTaskMeanwhileIsMergedNotOverwritten() throws Exception {
    CatalogSyncer syncer = syncer();
    TableBuilder other = new TableBuilder(new S3SinkConfig(hourlyParquet()));
    AtomicBoolean once = new AtomicBoolean();
    glue.beforeCreate(table -> {
      if (once.compareAndSet(false, true)) {
        glue.put("lake", tableInput(other, Orders.ORDER_V2));
      }
    });
    syncer.filePublished("orders", Orders.ORDER, PARTITION);
    idle(syncer);
    assertThat(glue.server().calls()).extracting(AwsJsonStandIn.Call::operation)
        .containsExactly("GetTable", "CreateTable", "GetTable");
    assertThat(columns("Columns")).endsWith("channel string");
  }

  @Test
  void concurrentUpdatesConvergeOnTheUnionOfColumns() throws Exception {
    CatalogSyncer syncer = syncer();
    Schema base = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA).build();
    Schema withA = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA).field("a", Schema.OPTIONAL_STRING_SCHEMA).build();
    Schema withB = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA).build();
    syncer.filePublished("orders", base, PARTITION);
    idle(syncer);
    TableBuilder other = new TableBuilder(new S3SinkConfig(hourlyParquet()));
    AtomicBoolean once = new AtomicBoolean();
    glue.beforeUpdate(table -> {
      if (once.compareAndSet(false, true)) {
        glue.put("lake", tableInput(other, withB)); // another task adds b first: our version is stale
      }
    });
    syncer.filePublished("orders", withA, PARTITION);
    idle(syncer);
    assertThat(glue.server().calls("UpdateTable")).hasSize(2);
    assertThat(columns("Columns")).containsExactly("id bigint", "b string", "a string");
  }

  @Test
  void twoSyncersRacingOnOneTableEndWithEveryColumn() throws Exception {
    CatalogSyncer first = syncer();
    CatalogSyncer second = syncer();
    List<Schema> schemas = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      SchemaBuilder builder = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA);
      for (int j = 0; j <= i; j++) {
        builder.field("c" + j, Schema.OPTIONAL_STRING_SCHEMA);
      }
      schemas.add(builder.build());
    }
    CountDownLatch start = new CountDownLatch(1);
    Thread a = new Thread(() -> {
      await(start);
      for (int i = 0; i < 6; i += 2) {
        first.filePublished("orders", schemas.get(i), PARTITION);
      }
    });
    Thread b = new Thread(() -> {
      await(start);
      for (int i = 1; i < 6; i += 2) {
        second.filePublished("orders", schemas.get(i), PARTITION);
      }
    });
    a.start();
    b.start();
    start.countDown();
    a.join();
    b.join();
    idle(first);
    idle(second);
    assertThat(columns("Columns")).containsExactly("id bigint", "c0 string", "c1 string", "c2 string", "c3 string",
        "c4 string", "c5 string");
    assertThat(first.metrics().failures() + second.metrics().failures()).isZero();
  }

  @Test
  void aSlowCatalogNeverHoldsUpTheTaskThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    glue.server().on("AWSGlue.GetTable", request -> {
      await(release);
      JsonNode table = glue.table("lake", request.path("Name").asText()).orElseThrow(
          () -> AwsJsonStandIn.notFound("EntityNotFoundException", "Table orders not found."));
      return Map.of("Table", table);
    });
    CatalogSyncer syncer = syncer();
    long start = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      syncer.filePublished("orders", i % 2 == 0 ? Orders.ORDER : Orders.ORDER_V2, PARTITION);
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(tookMs).isLessThan(1000);
    assertThat(syncer.awaitIdle(Duration.ofMillis(200))).isFalse();
    release.countDown();
    idle(syncer);
    // Coalesced: one read of the blocked attempt, then at most one more round for what queued meanwhile.
    assertThat(glue.server().calls("GetTable").size()).isLessThanOrEqualTo(2);
    assertThat(columns("Columns")).endsWith("channel string");
  }

  @Test
  void aFileOutsideTheProjectionIsCounted() throws Exception {
    CatalogSyncer syncer = syncer();
    syncer.filePublished("orders", Orders.ORDER, "year=2019/month=01/day=01/hour=00");
    idle(syncer);
    assertThat(syncer.metrics().keysOutsideProjection()).isEqualTo(1);
  }

  private static JsonNode tableInput(TableBuilder builder, Schema schema) {
    TableDefinition table = builder.build("orders", schema);
    Map<String, Object> input = new HashMap<>();
    input.put("Name", table.name());
    input.put("TableType", "EXTERNAL_TABLE");
    input.put("Parameters", table.parameters());
    input.put("PartitionKeys", table.partitionKeys().stream().map(c -> Map.of("Name", c.name(), "Type", c.type()))
        .toList());
    input.put("StorageDescriptor", Map.of(
        "Columns", table.columns().stream().map(c -> Map.of("Name", c.name(), "Type", c.type())).toList(),
        "Location", table.location(), "InputFormat", table.serde().inputFormat(),
        "OutputFormat", table.serde().outputFormat(),
        "SerdeInfo", Map.of("SerializationLibrary", table.serde().library(), "Parameters", table.serde().parameters())));
    return JSON.valueToTree(input);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
