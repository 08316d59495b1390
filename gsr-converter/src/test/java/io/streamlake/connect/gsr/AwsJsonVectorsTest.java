package io.streamlake.connect.gsr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlake.connect.gsr.testing.GlueRegistryStandIn;
import io.streamlake.connect.gsr.testing.JsonOrderEvents;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema records in {@code aws-vectors/json-order-events.txt} were made by AWS's own serializer from the
 * schemas and payloads AWS's JSON Schema converter writes for {@link JsonOrderEvents} (see the README there). This
 * converter must read them to the values they were made from, write the same payload bytes (framing, compact JSON,
 * zlib included), and write a JSON Schema equal to AWS's as JSON.
 */
class AwsJsonVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Definition(String label, UUID id, String json) {}

  private record Vector(String name, String label, String compression, byte[] bytes) {}

  private final Map<String, Definition> definitions = new LinkedHashMap<>();
  private final List<Vector> vectors = new ArrayList<>();
  private GlueRegistryStandIn glue;

  @BeforeEach
  void load() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/aws-vectors/json-order-events.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.split(" ", 4);
        if (parts[0].equals("definition")) {
          definitions.put(parts[1], new Definition(parts[1], UUID.fromString(parts[2]), parts[3]));
        } else {
          vectors.add(new Vector(parts[0], parts[1], parts[2], HexFormat.of().parseHex(parts[3].trim())));
        }
      }
    }
    assertThat(definitions).hasSize(3);
    assertThat(vectors).hasSize(20);
    glue = GlueRegistryStandIn.start();
  }

  @AfterEach
  void stop() {
    glue.close();
  }

  private GlueSchemaRegistryJsonSchemaConverter converter(Map<String, String> extra) {
    Map<String, Object> settings = TestConverters.settings(glue);
    settings.putAll(extra);
    GlueSchemaRegistryJsonSchemaConverter converter = new GlueSchemaRegistryJsonSchemaConverter();
    converter.configure(settings, false);
    return converter;
  }

  @Test
  void testEveryOrderVectorDecodesToTheValuesItWasMadeFrom() {
    for (String label : List.of("BASE64", "NUMERIC")) {
      Definition definition = definitions.get(label);
      glue.put(definition.id(), "default-registry", "orders-" + label, definition.json(), "JSON");
    }
    try (GlueSchemaRegistryJsonSchemaConverter converter = converter(Map.of())) {
      int decoded = 0;
      for (Vector vector : vectors) {
        if (vector.label().equals("PRODUCER")) {
          continue;
        }
        int i = Integer.parseInt(vector.name().substring("order-".length()));
        SchemaAndValue read = converter.toConnectData("orders", vector.bytes());
        assertSameStruct((Struct) read.value(), JsonOrderEvents.value(i), vector.name() + " " + vector.label() + " "
            + vector.compression());
        decoded++;
      }
      assertThat(decoded).isEqualTo(18);
      assertThat(glue.server().calls("GetSchemaVersion")).as("each version fetched once").hasSize(2);
    }
  }

  @Test
  void testReadSchemaHasTheConnectTypesAwsWrote() {
    Definition definition = definitions.get("BASE64");
    glue.put(definition.id(), "default-registry", "orders", definition.json(), "JSON");
    try (GlueSchemaRegistryJsonSchemaConverter converter = converter(Map.of())) {
      Schema read = converter.toConnectData("orders", vector("order-0", "BASE64", "NONE").bytes()).schema();
      assertThat(read.name()).isEqualTo(JsonOrderEvents.NAME);
      assertThat(read.doc()).isEqualTo("One change of an order");
      assertThat(read.fields()).extracting(Field::name).as("connect.index order")
          .containsExactlyElementsOf(JsonOrderEvents.SCHEMA.fields().stream().map(Field::name).toList());
      for (Field field : JsonOrderEvents.SCHEMA.fields()) {
        if (!field.name().equals("address")) {
          assertThat(read.field(field.name()).schema()).as(field.name()).isEqualTo(field.schema());
        }
      }
      // AWS's converter caches the JSON Schema of each Connect schema with the connect.index of the first field
      // that used it, so "city" (index 1) is written with index 0, like "street": its position is lost.
      Schema address = read.field("address").schema();
      assertThat(address.fields()).extracting(Field::name).containsExactlyInAnyOrder("street", "city", "zip");
      assertThat(address.field("zip").index()).isEqualTo(2);
      assertThat(address.field("zip").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    }
  }

  @Test
  void testOurPayloadBytesAreAwsBytes() throws IOException {
    for (String label : List.of("BASE64", "NUMERIC")) {
      Definition definition = definitions.get(label);
      ConnectToJsonSchema ours = new ConnectToJsonSchema(DecimalFormat.valueOf(label));
      // the stand-in compares definitions as text: give AWS's version id our text, to compare everything else
      glue.put(definition.id(), "default-registry", "orders-" + label,
          ours.toJsonSchema(JsonOrderEvents.SCHEMA).toString(), "JSON");
    }
    int compared = 0;
    for (Vector vector : vectors) {
      if (vector.label().equals("PRODUCER")) {
        continue;
      }
      try (GlueSchemaRegistryJsonSchemaConverter converter = converter(Map.of("decimal.format", vector.label(),
          "compression", vector.compression(), "schemaName", "orders-" + vector.label()))) {
        int i = Integer.parseInt(vector.name().substring("order-".length()));
        byte[] written = converter.fromConnectData("orders", JsonOrderEvents.SCHEMA, JsonOrderEvents.value(i));
        String as = vector.name() + " " + vector.label() + " " + vector.compression();
        if (vector.label().equals("BASE64")) {
          assertThat(HexFormat.of().formatHex(written)).as(as).isEqualTo(HexFormat.of().formatHex(vector.bytes()));
        } else {
          // AWS's serializer re-reads the payload with doubles for decimals, so NUMERIC decimals lose trailing zeros
          // (2.00 is written 2.0) and digits past a double's precision; ours keep the Decimal's scale exactly. Same
          // header, and the same JSON once both are read with doubles.
          assertThat(java.util.Arrays.copyOf(written, WireFormat.HEADER_LENGTH)).as(as)
              .isEqualTo(java.util.Arrays.copyOf(vector.bytes(), WireFormat.HEADER_LENGTH));
          assertThat(JSON.readTree(WireFormat.decode(written).payload())).as(as)
              .isEqualTo(JSON.readTree(WireFormat.decode(vector.bytes()).payload()));
          assertThat(new String(WireFormat.decode(written).payload(), StandardCharsets.UTF_8)).as(as)
              .contains("\"unit_price\":" + ((Struct) JsonOrderEvents.value(i).getArray("items").get(0))
                  .get("unit_price"));
        }
        compared++;
      }
    }
    assertThat(compared).isEqualTo(18);
    assertThat(glue.server().calls("CreateSchema")).isEmpty();
  }

  @Test
  void testOurJsonSchemaEqualsAwsAsJson() throws IOException {
    for (String label : List.of("BASE64", "NUMERIC")) {
      ObjectNode aws = (ObjectNode) JSON.readTree(definitions.get(label).json());
      // AWS's schema cache quirk (see testReadSchemaHasTheConnectTypesAwsWrote): city is field 1
      ((ObjectNode) aws.at("/properties/address/properties/city")).put("connect.index", 1);
      ObjectNode ours = new ConnectToJsonSchema(DecimalFormat.valueOf(label)).toJsonSchema(JsonOrderEvents.SCHEMA);
      assertThat(ours).as(label).isEqualTo(aws);
    }
  }

  @Test
  void testProducerSchemaVectorsDecodeByJsonSchemaRules() {
    Definition definition = definitions.get("PRODUCER");
    glue.put(definition.id(), "default-registry", "shipments", definition.json(), "JSON");
    try (GlueSchemaRegistryJsonSchemaConverter converter = converter(Map.of())) {
      SchemaAndValue first = converter.toConnectData("shipments", vector("shipment-0", "PRODUCER", "NONE").bytes());
      Schema address = SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA)
          .field("country", Schema.STRING_SCHEMA).build();
      Schema expected = SchemaBuilder.struct()
          .field("shipment_id", Schema.STRING_SCHEMA)
          .field("weight_grams", Schema.INT64_SCHEMA)
          .field("volume_litres", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("fragile", Schema.OPTIONAL_BOOLEAN_SCHEMA)
          .field("carrier", Schema.OPTIONAL_STRING_SCHEMA)
          .field("destination", address)
          .field("parcels", SchemaBuilder.array(Schema.INT64_SCHEMA).build())
          .field("labels", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
          .field("comment", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
      assertThat(first.schema()).isEqualTo(expected);
      Struct one = (Struct) first.value();
      assertThat(one.getString("shipment_id")).isEqualTo("s-1");
      assertThat(one.getInt64("weight_grams")).isEqualTo(1200L);
      assertThat(one.getFloat64("volume_litres")).isEqualTo(2.5);
      assertThat(one.getBoolean("fragile")).isTrue();
      assertThat(one.getString("carrier")).isEqualTo("DHL");
      assertThat(one.getStruct("destination").getString("city")).isEqualTo("Leeds");
      assertThat(one.getArray("parcels")).containsExactly(1L, 2L);
      assertThat(one.getMap("labels")).isEqualTo(Map.of("a", "x"));
      assertThat(one.getString("comment")).isEqualTo("top");

      Struct two = (Struct) converter.toConnectData("shipments", vector("shipment-1", "PRODUCER", "NONE").bytes())
          .value();
      assertThat(two.getInt64("weight_grams")).as("beyond a double's precision").isEqualTo(9_007_199_254_740_993L);
      assertThat(two.getStruct("destination").getString("country")).isEqualTo("PT");
      assertThat(two.getArray("parcels")).isEmpty();
      assertThat(two.getBoolean("fragile")).isNull();
      assertThat(two.get("volume_litres")).isNull();
      assertThat(two.get("labels")).isNull();
    }
  }

  private Vector vector(String name, String label, String compression) {
    return vectors.stream().filter(v -> v.name().equals(name) && v.label().equals(label)
        && v.compression().equals(compression)).findFirst().orElseThrow();
  }

  /** Equal field by field, by name (the address struct's field order differs, see above). */
  private static void assertSameStruct(Struct actual, Struct expected, String what) {
    for (Field field : expected.schema().fields()) {
      Object want = expected.get(field);
      Object got = actual.get(field.name());
      String as = what + " " + field.name();
      if (want instanceof Struct struct) {
        assertSameStruct((Struct) got, struct, as);
      } else if (want instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Struct) {
        assertThat((List<?>) got).as(as).hasSize(list.size());
        for (int i = 0; i < list.size(); i++) {
          assertSameStruct((Struct) ((List<?>) got).get(i), (Struct) list.get(i), as + "[" + i + "]");
        }
      } else if (want instanceof byte[] bytes) {
        assertThat((byte[]) got).as(as).isEqualTo(bytes);
      } else if (want instanceof BigDecimal decimal) {
        assertThat(got).as(as).isEqualTo(decimal);
      } else {
        assertThat(got).as(as).isEqualTo(want);
      }
    }
  }
}
