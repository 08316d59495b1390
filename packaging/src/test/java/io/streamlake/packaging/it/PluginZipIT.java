package io.streamlake.packaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import io.streamlake.testsupport.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built ZIP in a real Connect worker: unzipped into the worker's {@code plugin.path}, discovered with
 * {@code plugin.discovery=service_load}, and loaded in isolation, since none of our component classes are on
 * this JVM's class path (the build removes their jars from it; {@link #componentsAreNotOnTheTestClassPath()}
 * proves it). One broker, one worker and one in-process S3 endpoint for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginZipIT {

  private static final String SINK = "io.streamlake.connect.s3.S3SinkConnector";
  private static final String SOURCE = "io.streamlake.connect.lag.ConsumerLagSourceConnector";
  private static final String REPLAY = "io.streamlake.connect.s3.source.S3SourceConnector";
  private static final String UNWRAP = "io.streamlake.connect.cdc.ExtractNewRecordState";
  private static final String CONVERT = "io.streamlake.connect.cdc.ConvertDebeziumTypes";
  private static final String JSON = "io.streamlake.connect.json.FastJsonConverter";
  private static final String GSR = "io.streamlake.connect.gsr.GlueSchemaRegistryAvroConverter";
  private static final String GSR_JSON = "io.streamlake.connect.gsr.GlueSchemaRegistryJsonSchemaConverter";
  private static final List<String> COMPONENTS = List.of(SINK, SOURCE, REPLAY, UNWRAP, CONVERT, JSON, GSR,
      GSR_JSON);
  /** What the worker's REST API lists: class and type (one class may be listed under two types). */
  private static final List<String> LISTED = List.of(SINK + " sink", SOURCE + " source", REPLAY + " source",
      UNWRAP + " transformation", CONVERT + " transformation", JSON + " converter", JSON + " header_converter", GSR + " converter",
        GSR_JSON + " converter");
  private static final String BUCKET = "cdc-lake";
  private static final String TOPIC = "dbserver1.inventory.customers";

  private static final Schema ROW = SchemaBuilder.struct().name(TOPIC + ".Value").optional()
      .field("id", Schema.INT32_SCHEMA)
      .field("first_name", Schema.STRING_SCHEMA)
      .field("email", Schema.OPTIONAL_STRING_SCHEMA)
      .field("created_at", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).build())
      .field("birth_date", SchemaBuilder.int32().name("io.debezium.time.Date").version(1).optional().build())
      .build();
  /** 2026-01-01 in days since the epoch, as Debezium encodes a DATE column. */
  private static final int NEW_YEAR_DAYS = 20_454;
  private static final Schema SOURCE_INFO = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
      .field("version", Schema.STRING_SCHEMA)
      .field("connector", Schema.STRING_SCHEMA)
      .field("name", Schema.STRING_SCHEMA)
      .field("ts_ms", Schema.INT64_SCHEMA)
      .field("db", Schema.STRING_SCHEMA)
      .field("schema", Schema.STRING_SCHEMA)
      .field("table", Schema.STRING_SCHEMA)
      .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
      .build();
  private static final Schema ENVELOPE = SchemaBuilder.struct().name(TOPIC + ".Envelope")
      .field("before", ROW)
      .field("after", ROW)
      .field("source", SOURCE_INFO)
      .field("op", Schema.STRING_SCHEMA)
      .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
      .build();

  @TempDir
  static Path pluginPath;

  private final Path zip = Path.of(System.getProperty("plugin.zip", "target/streamlake-plugin.zip"));
  private final JsonConverter json = new JsonConverter();
  private S3Endpoint s3;
  private KafkaCluster kafka;
  private ConnectCluster connect;

  @BeforeAll
  void start() throws Exception {
    assertThat(zip).as("the built plugin ZIP (run through `mvn verify`)").isRegularFile();
    unzip(zip, pluginPath);
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("plugin-zip-it").pluginPath(pluginPath).start();
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

  static void unzip(Path zip, Path target) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : Collections.list(file.entries())) {
        Path out = target.resolve(entry.getName()).normalize();
        assertThat(out.startsWith(target)).as(entry.getName()).isTrue();
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

  @Test
  void componentsAreNotOnTheTestClassPath() throws IOException {
    ClassLoader app = ClassLoader.getSystemClassLoader();
    for (String component : COMPONENTS) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(component, false, app), component);
    }
    for (String service : List.of("org.apache.kafka.connect.sink.SinkConnector",
        "org.apache.kafka.connect.source.SourceConnector", "org.apache.kafka.connect.transforms.Transformation",
        "org.apache.kafka.connect.storage.Converter", "org.apache.kafka.connect.storage.HeaderConverter")) {
      for (URL url : Collections.list(app.getResources("META-INF/services/" + service))) {
        assertThat(url.toString()).as("service file on the test class path").doesNotContain("streamlake")
            .doesNotContain("s3-sink-connector").doesNotContain("cdc-transforms").doesNotContain("lag-metrics")
            .doesNotContain("converters");
      }
    }
  }

  @Test
  void connectorPluginsListsEveryComponentOfTheManifest() throws Exception {
    String body = connect.rest().get("connector-plugins?connectorsOnly=false").toString();
    Map<String, JsonNode> listed = new TreeMap<>();
    for (JsonNode plugin : new ObjectMapper().readTree(body)) {
      listed.put(plugin.get("class").asText() + " " + plugin.get("type").asText(), plugin);
    }
    System.out.println("connector-plugins from the ZIP: " + listed.keySet().stream()
        .filter(c -> c.startsWith("io.streamlake.")).map(c -> c + "/" + listed.get(c).path("version").asText("-"))
        .toList());
    assertThat(listed).containsKeys(SINK + " sink", SOURCE + " source", UNWRAP + " transformation",
        CONVERT + " transformation", JSON + " converter", JSON + " header_converter", GSR + " converter",
        GSR_JSON + " converter");
    // Our connectors and transforms report the bundle version (common's Version reads Implementation-Version).
    String version = System.getProperty("plugin.zip.dir").substring("streamlake-plugin-".length());
    for (String component : List.of(SINK + " sink", SOURCE + " source", REPLAY + " source", UNWRAP + " transformation",
        CONVERT + " transformation")) {
      assertThat(listed.get(component).path("version").asText()).as(component + " version").isEqualTo(version);
    }

    // manifest.json promises exactly what the worker found.
    Map<String, String> restType = Map.of("sink", "sink", "source", "source", "transform", "transformation",
        "converter", "converter", "header-converter", "header_converter");
    JsonNode manifest = new ObjectMapper().readTree(Files.readString(
        pluginPath.resolve(System.getProperty("plugin.zip.dir")).resolve("manifest.json")));
    List<String> promised = new ArrayList<>();
    for (JsonNode component : manifest.get("components")) {
      if (component.get("type").asText().equals("config-provider")) {
        continue; // the REST API lists no config providers: ConfigProvidersIT runs them in a worker
      }
      String listing = component.get("class").asText() + " " + restType.get(component.get("type").asText());
      promised.add(listing);
      assertThat(listed).as("worker lists " + listing).containsKey(listing);
    }
    assertThat(promised).containsExactlyInAnyOrderElementsOf(LISTED);
    assertThat(listed.keySet().stream().filter(c -> c.startsWith("io.streamlake."))).containsExactlyInAnyOrderElementsOf(LISTED);
  }

  /** The worker validates with our ConfigDefs, loaded from the ZIP: the sink's, an SMT's and the source's. */
  @Test
  void workerValidatesConfigsWithTheComponentsConfigDefs() {
    ConfigInfos sink = connect.rest().validate("S3SinkConnector", Map.of(
        "connector.class", SINK, "topics", "t", "s3.bucket.name", BUCKET, "format.class", "orc",
        "transforms", "unwrap", "transforms.unwrap.type", UNWRAP,
        "transforms.unwrap.delete.tombstone.handling.mode", "sometimes"));
    assertThat(errors(sink)).containsKeys("format.class", "transforms.unwrap.delete.tombstone.handling.mode");
    ConfigInfos source = connect.rest().validate("ConsumerLagSourceConnector",
        Map.of("connector.class", SOURCE));
    assertThat(source.name()).isEqualTo(SOURCE);
    assertThat(source.values().stream().map(v -> v.configKey().name())).as("the source's own ConfigDef")
        .contains("groups.include");
    ConfigInfos replay = connect.rest().validate("S3SourceConnector", Map.of("connector.class", REPLAY,
        "s3.bucket.name", BUCKET, "replay.partitions", "0,one"));
    assertThat(errors(replay)).as("the replay source's own ConfigDef and rules").containsKey("replay.partitions");
  }

  private static Map<String, List<String>> errors(ConfigInfos infos) {
    Map<String, List<String>> errors = new TreeMap<>();
    for (ConfigInfo info : infos.values()) {
      if (!info.configValue().errors().isEmpty()) {
        errors.put(info.configValue().name(), info.configValue().errors());
      }
    }
    System.out.println("validation errors: " + errors);
    return errors;
  }

  private byte[] envelope(String op, Struct before, Struct after, long lsn) {
    Struct source = new Struct(SOURCE_INFO).put("version", "3.4.3.Final").put("connector", "postgresql")
        .put("name", "dbserver1").put("ts_ms", 1_767_225_600_000L + lsn).put("db", "inventory")
        .put("schema", "inventory").put("table", "customers").put("lsn", lsn);
    Struct value = new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source)
        .put("op", op).put("ts_ms", 1_767_225_600_500L + lsn);
    return json.fromConnectData(TOPIC, ENVELOPE, value);
  }

  private static Struct row(int id, String name, String email) {
    return new Struct(ROW).put("id", id).put("first_name", name).put("email", email)
        .put("created_at", createdMicros(id)).put("birth_date", NEW_YEAR_DAYS + id);
  }

  private static long createdMicros(int id) {
    return 1_767_225_600_000_000L + id * 1_000_123L;
  }

  @Test
  void sinkWithTheUnwrapSmtLandsDebeziumRowsAsParquet() throws Exception {
    kafka.createTopic(TOPIC, 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    records.add(record("1", envelope("c", null, row(1, "Sally", "sally@example.com"), 10)));
    records.add(record("2", envelope("c", null, row(2, "George", "gbailey@example.com"), 11)));
    records.add(record("1", envelope("u", row(1, "Sally", "sally@example.com"), row(1, "Sally", "sally.t@example.com"), 12)));
    records.add(record("2", envelope("d", row(2, "George", "gbailey@example.com"), null, 13)));
    records.add(record("2", null)); // Debezium's tombstone after a delete: dropped by the rewrite mode
    records.add(record("3", envelope("r", null, row(3, "Edward", null), 14)));
    kafka.produce(records);

    Map<String, String> config = new HashMap<>();
    config.put("connector.class", SINK);
    config.put("tasks.max", "1");
    config.put("topics", TOPIC);
    config.putAll(s3.sinkSettings(BUCKET));
    config.put("topics.dir", "cdc");
    config.put("format.class", "parquet");
    config.put("parquet.codec", "snappy");
    config.put("flush.size", "5");
    // Our converter, from the ZIP, reads the JsonConverter-written envelopes.
    config.put("value.converter", JSON);
    config.put("value.converter.schemas.enable", "true");
    config.put("transforms", "unwrap,types");
    config.put("transforms.unwrap.type", UNWRAP);
    config.put("transforms.types.type", CONVERT);
    config.put("transforms.unwrap.delete.tombstone.handling.mode", "rewrite");
    config.put("transforms.unwrap.add.fields", "op,table,lsn");
    connect.rest().configureConnector("cdc-to-s3", config);

    Await.until(Duration.ofSeconds(90), () -> rows().size() >= 5,
        () -> s3.keys(BUCKET, "cdc/") + " status " + status());
    // The sink's exactly-once markers live under cdc/_epochs/; the data is one Parquet file.
    assertThat(parquetKeys()).containsExactly("cdc/" + TOPIC + "/partition=0/" + TOPIC + "+0+0000000000.snappy.parquet");
    List<String> rows = rows().stream().map(r -> r.get("id") + "|" + r.get("first_name") + "|" + r.get("email") + "|"
        + r.get("__deleted") + "|" + r.get("__op") + "|" + r.get("__table") + "|" + r.get("__lsn")).toList();
    assertThat(rows).containsExactly(
        "1|Sally|sally@example.com|false|c|customers|10",
        "2|George|gbailey@example.com|false|c|customers|11",
        "1|Sally|sally.t@example.com|false|u|customers|12",
        "2|George|gbailey@example.com|true|d|customers|13",
        "3|Edward|null|false|r|customers|14");
    // ConvertDebeziumTypes turned Debezium's MicroTimestamp and Date into real Parquet TIMESTAMP and DATE columns.
    for (GenericRecord row : rows()) {
      int id = (Integer) row.get("id");
      assertThat(row.get("created_at")).as("created_at of %d", id).isEqualTo(createdMicros(id) / 1000);
      assertThat(row.get("birth_date")).as("birth_date of %d", id).isEqualTo(NEW_YEAR_DAYS + id);
    }
    var schema = ParquetFiles.footer(s3.get(BUCKET, parquetKeys().get(0))).getFileMetaData().getSchema();
    assertThat(schema.getType("created_at").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    assertThat(schema.getType("birth_date").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
    connect.rest().deleteConnector("cdc-to-s3");
  }

  private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
    return new ProducerRecord<>(TOPIC, 0, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private List<GenericRecord> rows() {
    return LandedParquet.rows(s3, BUCKET, "cdc/");
  }

  private List<String> parquetKeys() {
    return LandedParquet.keys(s3, BUCKET, "cdc/");
  }

  private String status() {
    return LandedParquet.status(connect, "cdc-to-s3");
  }
}
