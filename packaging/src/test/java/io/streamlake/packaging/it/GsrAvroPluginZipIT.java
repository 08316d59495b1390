package io.streamlake.packaging.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.gsr.testing.GlueRegistryStandIn;
import io.streamlake.connect.gsr.testing.GsrRecords;
import io.streamlake.connect.gsr.testing.OrderEvents;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import io.streamlake.testsupport.Await;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Avro order events written in the AWS Glue Schema Registry wire format, read by our
 * {@code GlueSchemaRegistryAvroConverter} loaded from the built ZIP in a real worker, written by the S3 sink as
 * Parquet, and read back. Glue is {@link GlueRegistryStandIn}, an in-process stand-in speaking AWS JSON 1.1 on
 * 127.0.0.1 (test code only); S3 is s3proxy. One record has a broken GSR header: with {@code errors.tolerance=all}
 * it goes to the dead letter queue and the others land.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GsrAvroPluginZipIT {

  private static final String GSR = "io.streamlake.connect.gsr.GlueSchemaRegistryAvroConverter";
  private static final String SINK = "io.streamlake.connect.s3.S3SinkConnector";
  private static final String BUCKET = "gsr-lake";
  private static final String TOPIC = "order-events";
  private static final String DLQ = "order-events-dlq";
  private static final int ORDERS = 6;

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
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("gsr-plugin-zip-it").pluginPath(pluginPath)
        .start();
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
    if (glue != null) {
      glue.close();
    }
  }

  @Test
  void gsrAvroOrderEventsLandAsParquetWithTheirLogicalTypes() throws Exception {
    UUID version = glue.register("orders", "order-events-value", OrderEvents.SCHEMA_JSON).id();
    kafka.createTopic(TOPIC, 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      byte[] value = GsrRecords.encode(version, OrderEvents.SCHEMA, OrderEvents.record(i), i % 2 == 1);
      records.add(new ProducerRecord<>(TOPIC, 0, ("order-" + i).getBytes(StandardCharsets.UTF_8), value));
      if (i == 2) {
        byte[] broken = value.clone();
        broken[0] = 0; // a Confluent-framed record, say: not GSR
        records.add(new ProducerRecord<>(TOPIC, 0, "broken".getBytes(StandardCharsets.UTF_8), broken));
      }
    }
    kafka.produce(records);

    Map<String, String> config = new HashMap<>();
    config.put("connector.class", SINK);
    config.put("tasks.max", "1");
    config.put("topics", TOPIC);
    config.putAll(s3.sinkSettings(BUCKET));
    config.put("topics.dir", "gsr");
    config.put("format.class", "parquet");
    config.put("flush.size", String.valueOf(ORDERS));
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", GSR);
    config.put("value.converter.region", "us-east-1");
    config.put("value.converter.endpoint", glue.endpoint().toString());
    config.put("value.converter.registry.name", "orders");
    config.put("value.converter.avroRecordType", "GENERIC_RECORD");
    config.put("value.converter.aws.access.key.id", "AKIDGSRWORKER");
    config.put("value.converter.aws.secret.access.key", "not-a-secret");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", DLQ);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    connect.rest().configureConnector("gsr-orders-to-s3", config);

    Await.until(Duration.ofSeconds(90), () -> rows().size() >= ORDERS,
        () -> s3.keys(BUCKET, "gsr/") + " status " + status());
    assertThat(parquetKeys()).hasSize(1);
    List<GenericRecord> rows = new ArrayList<>(rows());
    rows.sort(Comparator.comparing(r -> r.get("order_id").toString()));
    assertThat(rows).hasSize(ORDERS);
    for (int i = 0; i < ORDERS; i++) {
      GenericRecord row = rows.get(i);
      assertThat(row.get("order_id").toString()).isEqualTo("order-" + i);
      assertThat(decimal(row.get("amount"), 2)).as("amount %d", i).isEqualTo(OrderEvents.amount(i));
      assertThat(decimal(row.get("tax"), 3)).as("tax %d", i).isEqualTo(OrderEvents.tax(i));
      assertThat(row.get("placed_at")).isEqualTo(OrderEvents.placedAtMillis(i));
      assertThat(row.get("placed_at_micros")).isEqualTo(OrderEvents.placedAtMicros(i) / 1000);
      assertThat(row.get("ship_date")).isEqualTo(OrderEvents.shipDate(i));
      assertThat(row.get("pickup_time")).isEqualTo(OrderEvents.pickupTimeMillis(i));
      assertThat(row.get("status").toString()).isEqualTo(OrderEvents.status(i));
      GenericRecord customer = (GenericRecord) row.get("customer");
      assertThat(customer.get("id")).isEqualTo(1000L + i);
      assertThat(customer.get("email") == null ? null : customer.get("email").toString())
          .isEqualTo(OrderEvents.email(i));
      List<?> items = (List<?>) row.get("items");
      assertThat(items).hasSize(OrderEvents.itemCount(i));
      for (int k = 0; k < items.size(); k++) {
        GenericRecord item = (GenericRecord) items.get(k);
        assertThat(item.get("sku").toString()).isEqualTo("SKU-" + i + "-" + k);
        assertThat(item.get("quantity")).isEqualTo(k + 1);
        assertThat(decimal(item.get("unit_price"), 2)).isEqualTo(OrderEvents.unitPrice(i, k));
      }
      Map<String, String> attributes = new TreeMap<>();
      ((Map<?, ?>) row.get("attributes")).forEach((key, value) -> attributes.put(key.toString(), value.toString()));
      assertThat(attributes).isEqualTo(i % 2 == 0 ? Map.of("channel", "web", "coupon", "C" + i) : Map.of());
      assertThat(row.get("note") == null ? null : row.get("note").toString()).isEqualTo(OrderEvents.note(i));
    }

    MessageType schema = ParquetFiles.footer(s3.get(BUCKET, parquetKeys().get(0))).getFileMetaData().getSchema();
    assertThat(schema.getType("amount").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.decimalType(2, 12));
    assertThat(schema.getType("tax").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(3, 10));
    assertThat(schema.getType("placed_at").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    assertThat(schema.getType("placed_at_micros").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    assertThat(schema.getType("ship_date").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
    assertThat(schema.getType("pickup_time").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timeType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));

    // One GetSchemaVersion for the whole topic, signed with the converter's own keys.
    assertThat(glue.server().calls("GetSchemaVersion")).singleElement()
        .satisfies(call -> assertThat(call.accessKeyId()).isEqualTo("AKIDGSRWORKER"));
    // The broken record went to the dead letter queue, as the converter's DataException allows.
    List<ConsumerRecord<byte[], byte[]>> dead = kafka.consume(DLQ, 1, Duration.ofSeconds(30));
    assertThat(dead).singleElement().satisfies(record ->
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("broken"));
    connect.rest().deleteConnector("gsr-orders-to-s3");
  }

  private static BigDecimal decimal(Object value, int scale) {
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new BigDecimal(new BigInteger(bytes), scale);
  }

  private List<GenericRecord> rows() {
    return LandedParquet.rows(s3, BUCKET, "gsr/");
  }

  private List<String> parquetKeys() {
    return LandedParquet.keys(s3, BUCKET, "gsr/");
  }

  private String status() {
    return LandedParquet.status(connect, "gsr-orders-to-s3");
  }
}
