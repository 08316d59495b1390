package io.streamlake.connect.s3.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlake.connect.s3.S3SinkConnector;
import io.streamlake.connect.s3.testing.DuckDbColumns;
import io.streamlake.connect.s3.testing.GlueCatalogStandIn;
import io.streamlake.connect.s3.testing.GlueTableCheck;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.connect.s3.testing.ProjectionCheck;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.ConnectRest;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import io.streamlake.testsupport.Await;
import io.streamlake.testsupport.AwsJsonStandIn;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink with {@code glue.enabled} in a real Connect worker (local-kit: KRaft broker, distributed worker): files
 * land in an in-process S3 endpoint that stores them on disk, tables in {@link GlueCatalogStandIn} (an in-process stand-in for Glue's table API speaking AWS
 * JSON 1.1). Checks what Athena depends on: every written object lies under a prefix the table's partition
 * projection generates, and the table's columns and partition keys are what DuckDB, an independent reader,
 * reads from the files with {@code hive_partitioning=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GlueCatalogIT {

  private static final String BUCKET = "lake-bucket";
  private static final long START = Instant.parse("2026-12-31T22:10:00Z").toEpochMilli();

  @TempDir
  static Path disk;

  private S3Endpoint s3;
  private GlueCatalogStandIn glue;
  private KafkaCluster kafka;
  private ConnectCluster connect;
  private final JsonConverter json = new JsonConverter();

  @BeforeAll
  void start() throws Exception {
    s3 = S3Endpoint.onDisk(disk);
    s3.createBucket(BUCKET);
    glue = new GlueCatalogStandIn("lake");
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).start();
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
    if (glue != null) {
      glue.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  /** 300 orders over three hours and the new year: ids 0-149 with schema v1, then 150-299 with v2 (channel). */
  private void produceOrders(String topic) throws Exception {
    kafka.createTopic(topic, 2);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long ts = START + i * 36_000L;
      byte[] value;
      if (i < 150) {
        value = json.fromConnectData(topic, Orders.ORDER, Orders.order(i, ts));
      } else {
        Struct v1 = Orders.order(i, ts);
        Struct v2 = new Struct(Orders.ORDER_V2);
        Orders.ORDER.fields().forEach(f -> v2.put(f.name(), v1.get(f)));
        v2.put("channel", i % 2 == 0 ? "web" : "app");
        value = json.fromConnectData(topic, Orders.ORDER_V2, v2);
      }
      records.add(new ProducerRecord<>(topic, i % 2, null, value));
    }
    kafka.produce(records);
  }

  private Map<String, String> config(String topic, String dir, String format) {
    Map<String, String> config = new HashMap<>(s3.sinkSettings(BUCKET));
    config.put("connector.class", S3SinkConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("topics", topic);
    config.put("topics.dir", dir);
    config.put("format.class", format);
    config.put("flush.size", "40");
    config.put("rotate.schedule.interval.ms", "2000"); // the last files of each partition close on the clock
    config.put("partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    config.put("path.format", "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    config.put("partition.duration.ms", "3600000");
    config.put("locale", "en_US");
    config.put("timezone", "UTC");
    config.put("timestamp.extractor", "RecordField");
    config.put("timestamp.field", "timestamp");
    config.put("glue.enabled", "true");
    config.put("glue.database", "lake");
    config.put("glue.table.name", dir + "_${topic}");
    config.put("glue.endpoint", glue.endpoint().toString());
    config.put("glue.region", "us-east-1");
    return config;
  }

  private ConnectRest rest() {
    return connect.workers().get(0).rest();
  }

  private List<String> dataKeys(String prefix) {
    return s3.keys(BUCKET, prefix).stream().filter(k -> !k.contains("/_epochs/")).toList();
  }

  private JsonNode table(String name) {
    return glue.table("lake", name).orElse(null);
  }

  private boolean tableHas(String name, String column) {
    JsonNode table = table(name);
    return table != null && columns(table).containsKey(column);
  }

  /** Data columns, then partition keys, as name to type. */
  private static Map<String, String> columns(JsonNode table) {
    Map<String, String> columns = new LinkedHashMap<>();
    table.path("StorageDescriptor").path("Columns").forEach(c -> columns.put(c.get("Name").asText(), c.get("Type").asText()));
    table.path("PartitionKeys").forEach(c -> columns.put(c.get("Name").asText(), c.get("Type").asText()));
    return columns;
  }

  private void assertEveryKeyIsProjected(JsonNode table, List<String> keys) {
    ProjectionCheck projection = new ProjectionCheck(table);
    assertThat(keys).isNotEmpty();
    for (String key : keys) {
      assertThat(projection.problem(BUCKET, key)).as("object %s under the table's projection", key).isNull();
    }
    // A key outside the ranges is caught (the check can fail).
    assertThat(projection.problem(BUCKET, keys.get(0).replaceFirst("month=\\d\\d", "month=7"))).isNotNull();
  }

  private String files(String dir, String topic, String glob) {
    return disk.resolve(BUCKET).resolve(dir).resolve(topic) + "/**/" + glob;
  }

  @Test
  void parquetTableMatchesTheFilesAndItsProjectionCoversEveryKey() throws Exception {
    produceOrders("orders");
    rest().configureConnector("glue-parquet", config("orders", "pq", "parquet"));
    Await.until(Duration.ofSeconds(120), () -> rows("pq/orders/") == 300 && tableHas("pq_orders", "channel"),
        () -> rows("pq/orders/") + " rows, table " + table("pq_orders"));

    JsonNode table = table("pq_orders");
    List<String> keys = dataKeys("pq/orders/");
    assertEveryKeyIsProjected(table, keys);
    assertThat(keys).anyMatch(k -> k.contains("year=2027/month=01/day=01/hour=00"));
    assertThat(table.path("StorageDescriptor").path("Location").asText()).isEqualTo("s3://" + BUCKET + "/pq/orders/");
    assertThat(glue.server().calls()).extracting(AwsJsonStandIn.Call::accessKeyId)
        .as("the sink's credentials sign the Glue calls").containsOnly(S3Endpoint.ACCESS_KEY);

    Map<String, String> duck = DuckDbColumns.describe("SELECT * FROM read_parquet('" + files("pq", "orders", "*.parquet")
        + "', hive_partitioning=true, union_by_name=true)");
    System.out.println("Glue:   " + columns(table) + "\nDuckDB: " + duck);
    assertThat(columns(table)).isEqualTo(GlueTableCheck.asGlueWouldRead(table, duck, keys));
    assertThat(new ArrayList<>(columns(table).keySet()).subList(0, 9)).endsWith("channel");
    rest().deleteConnector("glue-parquet");
  }

  @Test
  void jsonAndAvroTablesMatchTheFiles() throws Exception {
    produceOrders("formats");
    Map<String, String> jsonConfig = config("formats", "js", "json");
    jsonConfig.put("s3.compression.type", "gzip");
    rest().configureConnector("glue-json", jsonConfig);
    rest().configureConnector("glue-avro", config("formats", "av", "avro"));
    Await.until(Duration.ofSeconds(120), () -> tableHas("js_formats", "channel") && tableHas("av_formats", "channel")
            && dataKeys("js/formats/").size() == dataKeys("av/formats/").size() && !dataKeys("js/").isEmpty()
            && avroRows("av/formats/") == 300,
        () -> "json " + dataKeys("js/formats/").size() + " avro " + dataKeys("av/formats/").size() + " tables "
            + table("js_formats") + " " + table("av_formats"));

    JsonNode jsonTable = table("js_formats");
    assertEveryKeyIsProjected(jsonTable, dataKeys("js/formats/"));
    assertThat(jsonTable.path("Parameters").path("compressionType").asText()).isEqualTo("gzip");
    Map<String, String> duck = DuckDbColumns.describe("SELECT * FROM read_json('" + files("js", "formats", "*.json.gz")
        + "', format='newline_delimited', hive_partitioning=true, union_by_name=true)");
    Map<String, String> glueColumns = columns(jsonTable);
    System.out.println("Glue:   " + glueColumns + "\nDuckDB: " + duck);
    // JSON numbers carry no declared type: DuckDB reads the decimal amount (10.05) as DOUBLE, where the table
    // says decimal(12,2) as the schema does; zip is null in every record, so DuckDB cannot tell its type.
    duck = GlueTableCheck.asGlueWouldRead(jsonTable, duck, dataKeys("js/formats/"));
    Map<String, String> expectedDuck = new LinkedHashMap<>(glueColumns);
    expectedDuck.put("amount", "double");
    expectedDuck.put("address", "struct<city:string,zip:duckdb:JSON>");
    assertThat(duck).isEqualTo(expectedDuck);

    JsonNode avroTable = table("av_formats");
    assertEveryKeyIsProjected(avroTable, dataKeys("av/formats/"));
    Schema literal = new Schema.Parser().parse(avroTable.path("Parameters").path("avro.schema.literal").asText());
    assertThat(avroTable.path("StorageDescriptor").path("SerdeInfo").path("Parameters").path("avro.schema.literal")
        .asText()).isEqualTo(literal.toString());
    for (String key : dataKeys("av/formats/")) {
      try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(s3.get(BUCKET, key)),
          new GenericDatumReader<>())) {
        Schema writer = in.getSchema();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(literal, writer).getType())
            .as("the table's avro.schema.literal reads %s", key)
            .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
      }
    }
    Map<String, String> avroColumns = columns(avroTable);
    Map<String, String> parquetLike = new LinkedHashMap<>(avroColumns);
    assertThat(parquetLike).containsEntry("amount", "decimal(12,2)").containsEntry("created", "timestamp")
        .containsEntry("year", "bigint").containsEntry("month", "string");
    String avroExtension = DuckDbColumns.tryRun("LOAD avro");
    System.out.println("DuckDB avro extension: " + (avroExtension == null ? "loaded" : "not available (" + avroExtension
        + "); the Avro table is checked against the files' own schemas instead"));
    if (avroExtension == null) {
      assertThat(avroColumns).isEqualTo(DuckDbColumns.describe("SELECT * FROM read_avro('"
          + files("av", "formats", "*.avro") + "', hive_partitioning=true, union_by_name=true)"));
    }
    rest().deleteConnector("glue-json");
    rest().deleteConnector("glue-avro");
  }

  private long rows(String prefix) {
    long rows = 0;
    for (String key : dataKeys(prefix)) {
      try {
        rows += ParquetFiles.read(s3.get(BUCKET, key)).size();
      } catch (Exception e) {
        // listed while still being stored: counted on the next poll
      }
    }
    return rows;
  }

  private long avroRows(String prefix) {
    long rows = 0;
    for (String key : dataKeys(prefix)) {
      try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(s3.get(BUCKET, key)),
          new GenericDatumReader<>())) {
        while (in.hasNext()) {
          in.next();
          rows++;
        }
      } catch (Exception e) {
        // listed while still being stored
      }
    }
    return rows;
  }
}
