package io.streamlake.connect.gsr;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.gsr.testing.GlueRegistryStandIn;
import io.streamlake.connect.gsr.testing.GsrRecords;
import io.streamlake.connect.gsr.testing.OrderEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records written by AWS's own serializer (src/test/resources/aws-vectors, README there says how they were made)
 * decoded by the converter, and framed again by our encoder: byte compatibility with AWS's implementation.
 */
class AwsVectorsTest {

  private static final UUID VERSION_ID = UUID.fromString("b7b4a7f0-9c96-4e4a-a687-fb5de9ef0c63");
  private static final long DAY_MS = 86_400_000L;

  private record Vector(String name, int index, Compression compression, byte[] bytes) {}

  private GlueRegistryStandIn glue;
  private GlueSchemaRegistryAvroConverter converter;

  @BeforeEach
  void start() {
    glue = GlueRegistryStandIn.start();
    glue.put(VERSION_ID, "default-registry", "order-events", OrderEvents.SCHEMA_JSON, "AVRO");
    converter = TestConverters.value(glue, Map.of());
  }

  @AfterEach
  void stop() {
    converter.close();
    glue.close();
  }

  static List<Vector> vectors() throws IOException {
    List<Vector> vectors = new ArrayList<>();
    try (InputStream in = AwsVectorsTest.class.getResourceAsStream("/aws-vectors/order-events.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        vectors.add(new Vector(parts[0] + "/" + parts[1], Integer.parseInt(parts[0].substring("order-".length())),
            Compression.valueOf(parts[1]), HexFormat.of().parseHex(parts[2])));
      }
    }
    return vectors;
  }

  @Test
  void everyAwsVectorDecodesToTheValuesItWasMadeFrom() throws IOException {
    List<Vector> vectors = vectors();
    assertThat(vectors).hasSize(12);
    for (Vector vector : vectors) {
      SchemaAndValue decoded = converter.toConnectData("order-events", vector.bytes());
      Struct order = (Struct) decoded.value();
      int i = vector.index();
      assertThat(order.getString("order_id")).as(vector.name()).isEqualTo("order-" + i);
      assertThat(order.get("amount")).as(vector.name()).isEqualTo(OrderEvents.amount(i));
      assertThat(order.get("tax")).as(vector.name()).isEqualTo(OrderEvents.tax(i));
      assertThat(((java.util.Date) order.get("placed_at")).getTime()).isEqualTo(OrderEvents.placedAtMillis(i));
      // timestamp-micros: Connect's Timestamp holds milliseconds, the 789 microseconds are dropped
      assertThat(((java.util.Date) order.get("placed_at_micros")).getTime())
          .isEqualTo(OrderEvents.placedAtMicros(i) / 1000);
      Integer shipDays = OrderEvents.shipDate(i);
      assertThat(order.get("ship_date")).as(vector.name())
          .isEqualTo(shipDays == null ? null : new java.util.Date(shipDays * DAY_MS));
      assertThat(((java.util.Date) order.get("pickup_time")).getTime()).isEqualTo(OrderEvents.pickupTimeMillis(i));
      assertThat(order.getString("status")).isEqualTo(OrderEvents.status(i));
      Struct customer = order.getStruct("customer");
      assertThat(customer.getInt64("id")).isEqualTo(1000L + i);
      assertThat(customer.getString("email")).isEqualTo(OrderEvents.email(i));
      assertThat(customer.getString("tier")).isEqualTo(i % 2 == 0 ? "gold" : "standard");
      List<Struct> items = order.getArray("items");
      assertThat(items).hasSize(OrderEvents.itemCount(i));
      for (int k = 0; k < items.size(); k++) {
        assertThat(items.get(k).getString("sku")).isEqualTo("SKU-" + i + "-" + k);
        assertThat(items.get(k).getInt32("quantity")).isEqualTo(k + 1);
        assertThat(items.get(k).get("unit_price")).isEqualTo(OrderEvents.unitPrice(i, k));
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      if (i % 2 == 0) {
        attributes.put("channel", "web");
        attributes.put("coupon", "C" + i);
      }
      assertThat(order.getMap("attributes")).isEqualTo(attributes);
      assertThat(order.getString("note")).isEqualTo(OrderEvents.note(i));
    }
    assertThat(glue.server().calls("GetSchemaVersion")).as("one schema fetch for twelve records").hasSize(1);
  }

  @Test
  void ourEncoderFramesAwsPayloadsIntoAwsBytes() throws IOException {
    for (Vector vector : vectors()) {
      WireFormat.Frame frame = WireFormat.decode(vector.bytes());
      assertThat(frame.schemaVersionId()).isEqualTo(VERSION_ID);
      assertThat(frame.compressed()).isEqualTo(vector.compression() == Compression.ZLIB);
      assertThat(WireFormat.encode(VERSION_ID, frame.payload(), vector.compression())).as(vector.name())
          .isEqualTo(vector.bytes());
      // and AWS's Avro payload is the plain Avro binary of the record
      assertThat(frame.payload()).as(vector.name())
          .isEqualTo(GsrRecords.avro(OrderEvents.SCHEMA, OrderEvents.record(vector.index())));
    }
  }
}
