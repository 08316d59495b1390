package io.streamlake.packaging.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.gsr.testing.GlueRegistryStandIn;
import io.streamlake.connect.gsr.testing.GsrRecords;
import io.streamlake.connect.gsr.testing.JsonOrderEvents;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import io.streamlake.testsupport.Await;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Struct;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON Schema order events <b>made by AWS's own serializer</b> (the committed vectors of the converter's tests, half
 * of them zlib-compressed), read by our {@code GlueSchemaRegistryJsonSchemaConverter} loaded from the built ZIP in a
 * real worker of the local kit (KRaft Kafka, a distributed Connect worker with the ZIP on its {@code plugin.path},
 * s3proxy), written by the S3 sink as Parquet, and read back. Glue is {@link GlueRegistryStandIn}, an in-process
 * stand-in speaking AWS JSON 1.1 on 127.0.0.1 (test code only), holding AWS's definition under AWS's version id.
 * One record whose payload does not match its schema goes to the dead letter queue, its error naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GsrJsonSchemaPluginZipIT {

  private static final String GSR_JSON = "io.streamlake.connect.gsr.GlueSchemaRegistryJsonSchemaConverter";
  private static final String SINK = "io.streamlake.connect.s3.S3SinkConnector";
  private static final String BUCKET = "gsr-json-lake";
  private static final String TOPIC = "json-order-events";
  private static final String DLQ = "json-order-events-dlq";
  private static final String CONNECTOR = "gsr-json-orders-to-s3";

  @TempDir
  static Path pluginPath;

  private final Path zip = Path.of(System.getProperty("plugin.zip", "target/streamlake-plugin.zip"));
  private GlueRegistryStandIn glue;
  private S3Endpoint s3;
  private KafkaCluster kafka;
  private ConnectCluster connect;

  @BeforeAll
  void start() throws Exception {
    assertThat(zip).as("the built plugin ZIP (run through `mvn verify`)").isRegularFile();
    PluginZipIT.unzip(zip, pluginPath);
    glue = GlueRegistryStandIn.start();
    s3 = S3Endpoint.inMemory();
    s3.createBucket(BUCKET);
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("gsr-json-plugin-zip-it")
        .pluginPath(pluginPath).start();
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {connect, kafka, s3, glue}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void awsJsonSchemaRecordsLandAsParquetWithTheirConnectTypes() throws Exception {
    Map<String, byte[]> aws = new HashMap<>();
    UUID version = null;
    try (InputStream in = GlueRegistryStandIn.class.getResourceAsStream("/aws-vectors/json-order-events.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.split(" ", 4);
        if (parts[0].equals("definition") && parts[1].equals("BASE64")) {
          version = UUID.fromString(parts[2]);
          glue.put(version, "orders", "json-order-events", parts[3], "JSON");
        } else if (parts[1].equals("BASE64")) {
          aws.put(parts[0] + " " + parts[2], HexFormat.of().parseHex(parts[3].trim()));
        }
      }
    }
    assertThat(aws).hasSize(2 * JsonOrderEvents.count());
    kafka.createTopic(TOPIC, 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < JsonOrderEvents.count(); i++) {
      byte[] value = aws.get("order-" + i + " " + (i % 2 == 1 ? "ZLIB" : "NONE"));
      records.add(new ProducerRecord<>(TOPIC, 0, ("order-" + i).getBytes(StandardCharsets.UTF_8), value));
      if (i == 2) {
        byte[] wrong = ("{\"order_id\":\"order-x\",\"customer_id\":\"not a number\"}").getBytes(StandardCharsets.UTF_8);
        records.add(new ProducerRecord<>(TOPIC, 0, "mismatch".getBytes(StandardCharsets.UTF_8),
            GsrRecords.frame(version, wrong, false)));
      }
    }
    kafka.produce(records);

    Map<String, String> config = new HashMap<>(s3.sinkSettings(BUCKET));
    config.put("connector.class", SINK);
    config.put("tasks.max", "1");
    config.put("topics", TOPIC);
    config.put("topics.dir", "gsr-json");
    config.put("format.class", "parquet");
    config.put("flush.size", String.valueOf(JsonOrderEvents.count()));
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", GSR_JSON);
    config.put("value.converter.region", "us-east-1");
    config.put("value.converter.endpoint", glue.endpoint().toString());
    config.put("value.converter.registry.name", "orders");
    config.put("value.converter.dataFormat", "JSON");
    config.put("value.converter.aws.access.key.id", "AKIDGSRJSONWORKER");
    config.put("value.converter.aws.secret.access.key", "not-a-secret");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", DLQ);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    connect.rest().configureConnector(CONNECTOR, config);

    Await.until(Duration.ofSeconds(90), () -> rows().size() >= JsonOrderEvents.count(),
        () -> s3.keys(BUCKET, "gsr-json/") + " status " + status());
    assertThat(parquetKeys()).hasSize(1);
    List<GenericRecord> rows = new ArrayList<>(rows());
    rows.sort(Comparator.comparing(r -> r.get("order_id").toString()));
    assertThat(rows).hasSize(JsonOrderEvents.count());
    for (int i = 0; i < rows.size(); i++) {
      assertRow(rows.get(i), JsonOrderEvents.value(i), "order " + i);
    }

    MessageType schema = ParquetFiles.footer(s3.get(BUCKET, parquetKeys().get(0))).getFileMetaData().getSchema();
    assertThat(((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) schema.getType("amount")
        .getLogicalTypeAnnotation()).getScale()).isEqualTo(2);
    assertThat(schema.getType("placed_at").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    assertThat(schema.getType("ship_date").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
    assertThat(schema.getType("pickup_time").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timeType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    assertThat(schema.getType("weight_kg").asPrimitiveType().getPrimitiveTypeName().name()).isEqualTo("FLOAT");

    // One GetSchemaVersion for the whole topic, signed with the converter's own keys.
    assertThat(glue.server().calls("GetSchemaVersion")).singleElement()
        .satisfies(call -> assertThat(call.accessKeyId()).isEqualTo("AKIDGSRJSONWORKER"));
    // The mismatching record went to the dead letter queue, its error naming the field.
    List<ConsumerRecord<byte[], byte[]>> dead = kafka.consume(DLQ, 1, Duration.ofSeconds(30));
    assertThat(dead).singleElement().satisfies(record -> {
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("mismatch");
      Header message = record.headers().lastHeader("__connect.errors.exception.message");
      assertThat(new String(message.value(), StandardCharsets.UTF_8)).contains("customer_id");
    });
    connect.rest().deleteConnector(CONNECTOR);
  }

  private static void assertRow(GenericRecord row, Struct want, String as) {
    assertThat(row.get("order_id").toString()).as(as).isEqualTo(want.getString("order_id"));
    assertThat(row.get("customer_id")).as(as).isEqualTo(want.getInt64("customer_id"));
    assertThat(row.get("priority")).as(as).isEqualTo((int) want.getInt8("priority"));
    assertThat(row.get("line_count")).as(as).isEqualTo((int) want.getInt16("line_count"));
    assertThat(row.get("quantity")).as(as).isEqualTo(want.getInt32("quantity"));
    assertThat(row.get("weight_kg")).as(as).isEqualTo(want.getFloat32("weight_kg"));
    assertThat(row.get("list_price")).as(as).isEqualTo(want.getFloat64("list_price"));
    assertThat(row.get("express")).as(as).isEqualTo(want.getBoolean("express"));
    assertThat(decimal(row.get("amount"), 2)).as(as).isEqualTo(want.get("amount"));
    assertThat(row.get("placed_at")).as(as).isEqualTo(((java.util.Date) want.get("placed_at")).getTime());
    java.util.Date shipDate = (java.util.Date) want.get("ship_date");
    assertThat(row.get("ship_date")).as(as).isEqualTo(shipDate == null ? null
        : (int) (shipDate.getTime() / 86_400_000L));
    assertThat(row.get("pickup_time")).as(as).isEqualTo((int) ((java.util.Date) want.get("pickup_time")).getTime());
    GenericRecord address = (GenericRecord) row.get("address");
    Struct wantAddress = want.getStruct("address");
    assertThat(address.get("street").toString()).as(as).isEqualTo(wantAddress.getString("street"));
    assertThat(address.get("city").toString()).as(as).isEqualTo(wantAddress.getString("city"));
    assertThat(address.get("zip") == null ? null : address.get("zip").toString()).as(as)
        .isEqualTo(wantAddress.getString("zip"));
    List<?> items = (List<?>) row.get("items");
    List<Object> wantItems = want.getArray("items");
    assertThat(items).as(as).hasSize(wantItems.size());
    for (int k = 0; k < items.size(); k++) {
      GenericRecord item = (GenericRecord) items.get(k);
      Struct wantItem = (Struct) wantItems.get(k);
      assertThat(item.get("sku").toString()).as(as).isEqualTo(wantItem.getString("sku"));
      assertThat(item.get("quantity")).as(as).isEqualTo(wantItem.getInt32("quantity"));
      assertThat(decimal(item.get("unit_price"), 2)).as(as).isEqualTo(wantItem.get("unit_price"));
    }
    Map<String, String> attributes = new TreeMap<>();
    ((Map<?, ?>) row.get("attributes")).forEach((key, value) -> attributes.put(key.toString(), value.toString()));
    assertThat(attributes).as(as).isEqualTo(new TreeMap<>(want.<String, String>getMap("attributes")));
    byte[] signature = want.getBytes("signature");
    assertThat(row.get("signature") == null ? null : bytes((ByteBuffer) row.get("signature"))).as(as)
        .isEqualTo(signature);
    assertThat(row.get("note") == null ? null : row.get("note").toString()).as(as).isEqualTo(want.getString("note"));
  }

  private static BigDecimal decimal(Object value, int scale) {
    byte[] bytes = value instanceof GenericFixed fixed ? fixed.bytes() : bytes((ByteBuffer) value);
    return new BigDecimal(new BigInteger(bytes), scale);
  }

  private static byte[] bytes(ByteBuffer value) {
    ByteBuffer buffer = value.duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private List<GenericRecord> rows() {
    return LandedParquet.rows(s3, BUCKET, "gsr-json/");
  }

  private List<String> parquetKeys() {
    return LandedParquet.keys(s3, BUCKET, "gsr-json/");
  }

  private String status() {
    return LandedParquet.status(connect, CONNECTOR);
  }
}
