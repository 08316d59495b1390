package io.streamlake.connect.gsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.gsr.testing.GlueRegistryStandIn;
import io.streamlake.connect.gsr.testing.GsrRecords;
import io.streamlake.connect.gsr.testing.JsonOrderEvents;
import io.streamlake.connect.s3.format.AvroSchemaMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlueSchemaRegistryJsonSchemaConverterTest {

  private static final String TOPIC = "shipments";

  private GlueRegistryStandIn glue;
  private GlueSchemaRegistryJsonSchemaConverter converter;

  @BeforeEach
  void start() {
    glue = GlueRegistryStandIn.start();
    converter = converter(Map.of());
  }

  @AfterEach
  void stop() {
    converter.close();
    glue.close();
  }

  private GlueSchemaRegistryJsonSchemaConverter converter(Map<String, String> extra) {
    Map<String, Object> settings = TestConverters.settings(glue);
    settings.putAll(extra);
    GlueSchemaRegistryJsonSchemaConverter created = new GlueSchemaRegistryJsonSchemaConverter();
    created.configure(settings, false);
    return created;
  }

  private UUID schema(String definition) {
    UUID id = UUID.randomUUID();
    glue.put(id, "default-registry", TOPIC + "-" + id, definition, "JSON");
    return id;
  }

  private static byte[] record(UUID id, String json) {
    return GsrRecords.frame(id, json.getBytes(StandardCharsets.UTF_8), false);
  }

  @Test
  void testRoundTripRegistersAJsonSchemaAndReadsBackTheSameSchemaAndValues() {
    try (GlueSchemaRegistryJsonSchemaConverter writer = converter(Map.of("schemaAutoRegistrationEnabled", "true",
        "compression", "ZLIB"))) {
      for (int i = 0; i < JsonOrderEvents.count(); i++) {
        byte[] bytes = writer.fromConnectData("orders", JsonOrderEvents.SCHEMA, JsonOrderEvents.value(i));
        assertThat(bytes[1]).isEqualTo((byte) 5);
        SchemaAndValue back = converter.toConnectData("orders", bytes);
        assertThat(back.schema()).isEqualTo(JsonOrderEvents.SCHEMA);
        assertThat(back.value()).as("order " + i).isEqualTo(JsonOrderEvents.value(i));
      }
      assertThat(glue.server().calls("CreateSchema")).singleElement().satisfies(call -> {
        assertThat(call.body().path("DataFormat").asText()).isEqualTo("JSON");
        assertThat(call.body().path("SchemaName").asText()).isEqualTo("orders");
      });
      assertThat(glue.server().calls("GetSchemaByDefinition")).as("cached after the first").hasSize(1);
      assertThat(glue.server().calls("GetSchemaVersion")).as("read once").hasSize(1);
    }
  }

  @Test
  void testNonStringKeyMapsOptionalStructsAndDefaultsRoundTrip() {
    Schema inner = SchemaBuilder.struct().name("com.example.Inner").optional()
        .field("n", SchemaBuilder.int32().defaultValue(7).build()).build();
    Schema schema = SchemaBuilder.struct()
        .field("by_code", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build())
        .field("inner", inner)
        .field("raw", Schema.BYTES_SCHEMA)
        .field("tier", SchemaBuilder.string().defaultValue("standard").build())
        .field("at", Timestamp.builder().optional().build())
        .build();
    Struct value = new Struct(schema).put("by_code", Map.of(7, "seven", -1, "minus"))
        .put("inner", new Struct(inner).put("n", 3)).put("raw", new byte[] {0, 1, 2}).put("at", null);
    try (GlueSchemaRegistryJsonSchemaConverter writer = converter(Map.of("schemaAutoRegistrationEnabled", "true"))) {
      SchemaAndValue back = converter.toConnectData(TOPIC, writer.fromConnectData(TOPIC, schema, value));
      assertThat(back.schema()).isEqualTo(schema);
      Struct read = (Struct) back.value();
      assertThat(read.getMap("by_code")).isEqualTo(Map.of(7, "seven", -1, "minus"));
      assertThat(read.getStruct("inner").getInt32("n")).isEqualTo(3);
      assertThat(read.getBytes("raw")).containsExactly(0, 1, 2);
      assertThat(read.getString("tier")).as("the default").isEqualTo("standard");
      assertThat(read.get("at")).isNull();
    }
  }

  @Test
  void testNumericDecimalFormatWritesNumbersAndKeepsTheScale() {
    try (GlueSchemaRegistryJsonSchemaConverter writer = converter(Map.of("schemaAutoRegistrationEnabled", "true",
        "decimal.format", "numeric"))) {
      byte[] bytes = writer.fromConnectData("orders", JsonOrderEvents.SCHEMA, JsonOrderEvents.value(1));
      String payload = new String(WireFormat.decode(bytes).payload(), StandardCharsets.UTF_8);
      assertThat(payload).contains("\"amount\":113.45").contains("\"unit_price\":2.00");
      assertThat(glue.versionsOf("default-registry", "orders").get(0).definition())
          .contains("\"amount\":{\"type\":\"number\"");
      assertThat(converter.toConnectData("orders", bytes).value()).isEqualTo(JsonOrderEvents.value(1));
    }
  }

  @Test
  void testSinkMapsTheConnectSchemaToTheSameLogicalTypes() {
    try (GlueSchemaRegistryJsonSchemaConverter writer = converter(Map.of("schemaAutoRegistrationEnabled", "true"))) {
      Schema schema = converter.toConnectData("orders",
          writer.fromConnectData("orders", JsonOrderEvents.SCHEMA, JsonOrderEvents.value(0))).schema();
      org.apache.avro.Schema written = new AvroSchemaMapper(38).toAvro(schema);
      assertThat(written.getField("amount").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(38, 2));
      assertThat(written.getField("placed_at").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
      assertThat(written.getField("pickup_time").schema().getLogicalType()).isEqualTo(LogicalTypes.timeMillis());
      assertThat(written.getField("ship_date").schema().getTypes().get(1).getLogicalType())
          .isEqualTo(LogicalTypes.date());
    }
  }

  @Test
  void testFromConnectDataWithoutAutoRegistrationNeedsTheSchemaRegistered() {
    assertThatThrownBy(() -> converter.fromConnectData("orders", JsonOrderEvents.SCHEMA, JsonOrderEvents.value(0)))
        .isInstanceOf(DataException.class).hasMessageContaining("schemaAutoRegistrationEnabled is false")
        .hasMessageContaining("orders");
    assertThat(glue.server().calls("CreateSchema")).isEmpty();
  }

  @Test
  void testFieldOfTheWrongTypeIsBadDataNamingTheField() {
    UUID id = schema(JsonOrderEvents.PRODUCER_SCHEMA);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{\"shipment_id\":\"s\",\"weight_grams\":"
        + "\"heavy\",\"destination\":{\"city\":\"a\",\"country\":\"b\"},\"parcels\":[]}")))
        .isInstanceOf(DataException.class).hasMessageContaining("weight_grams").hasMessageContaining(id.toString())
        .hasMessageContaining("string");
  }

  @Test
  void testMissingRequiredNestedFieldIsBadDataNamingThePath() {
    UUID id = schema(JsonOrderEvents.PRODUCER_SCHEMA);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{\"shipment_id\":\"s\",\"weight_grams\":1,"
        + "\"destination\":{\"city\":\"a\"},\"parcels\":[]}")))
        .isInstanceOf(DataException.class).hasMessageContaining("destination.country")
        .hasMessageContaining("required");
  }

  @Test
  void testIntegerOutOfItsConnectRangeAndFractionalIntegerAreBadData() {
    UUID id = schema("{\"type\":\"object\",\"properties\":{\"small\":{\"type\":\"integer\",\"connect.type\":\"int8\"}"
        + ",\"n\":{\"type\":\"integer\"}}}");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{\"small\":300,\"n\":1}")))
        .isInstanceOf(DataException.class).hasMessageContaining("small").hasMessageContaining("outside -128..127");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{\"small\":1,\"n\":1.5}")))
        .isInstanceOf(DataException.class).hasMessageContaining("n (int64)").hasMessageContaining("not an integer");
  }

  @Test
  void testDecimalWithMoreDecimalPlacesThanItsScaleIsBadData() {
    UUID id = schema("{\"type\":\"object\",\"properties\":{\"price\":{\"type\":\"number\",\"connect.type\":\"bytes\","
        + "\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"connect.parameters\":{\"scale\":\"2\"}}}}");
    assertThat(((Struct) converter.toConnectData(TOPIC, record(id, "{\"price\":1.5}")).value()).get("price"))
        .isEqualTo(new BigDecimal("1.50"));
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{\"price\":1.505}")))
        .isInstanceOf(DataException.class).hasMessageContaining("price").hasMessageContaining("decimal places");
  }

  @Test
  void testUnionOfTwoTypesIsBadDataNamingTheField() {
    UUID id = schema("{\"type\":\"object\",\"properties\":{\"id\":{\"oneOf\":[{\"type\":\"string\"},"
        + "{\"type\":\"integer\"}]}}}");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{\"id\":1}")))
        .isInstanceOf(DataException.class).hasMessageContaining("Property id").hasMessageContaining("oneOf of 2")
        .hasMessageContaining(id.toString());
  }

  @Test
  void testAnyOfWithNullIsOptionalAndTwoTypesOrRemoteRefsAreRefused() {
    UUID optional = schema("{\"type\":\"object\",\"required\":[\"n\"],\"properties\":{\"n\":{\"anyOf\":["
        + "{\"type\":\"integer\"},{\"type\":\"null\"}]}}}");
    SchemaAndValue read = converter.toConnectData(TOPIC, record(optional, "{\"n\":null}"));
    assertThat(read.schema().field("n").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
    assertThat(((Struct) read.value()).get("n")).isNull();

    UUID twoTypes = schema("{\"type\":\"object\",\"properties\":{\"v\":{\"type\":[\"string\",\"integer\"]}}}");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(twoTypes, "{}")))
        .isInstanceOf(DataException.class).hasMessageContaining("Property v").hasMessageContaining("only one type");
    UUID remote = schema("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://example.com/a.json\"}}}");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(remote, "{}")))
        .isInstanceOf(DataException.class).hasMessageContaining("Property a").hasMessageContaining("same schema");
  }

  @Test
  void testRecursiveRefIsBadData() {
    UUID id = schema("{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#\"}}}");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{}")))
        .isInstanceOf(DataException.class).hasMessageContaining("recursive");
  }

  @Test
  void testPayloadThatIsNotJsonIsBadData() {
    UUID id = schema(JsonOrderEvents.PRODUCER_SCHEMA);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{\"shipment_id\": ")))
        .isInstanceOf(DataException.class).hasMessageContaining("not valid JSON").hasMessageContaining(id.toString());
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(id, "{} {}")))
        .isInstanceOf(DataException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void testAvroSchemaVersionIsBadDataForTheJsonConverter() {
    UUID avro = glue.register("default-registry", "avro-events", "{\"type\":\"string\"}").id();
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record(avro, "\"x\"")))
        .isInstanceOf(DataException.class).hasMessageContaining(avro.toString()).hasMessageContaining("AVRO")
        .hasMessageContaining("reads JSON only");
  }

  @Test
  void testGlueOutageOutlastingTheRetriesIsRetriable() {
    UUID id = schema(JsonOrderEvents.PRODUCER_SCHEMA);
    try (GlueSchemaRegistryJsonSchemaConverter few = converter(Map.of("glue.retry.max.attempts", "2"))) {
      glue.server().failNext(5, 503, "ServiceUnavailableException");
      assertThatThrownBy(() -> few.toConnectData(TOPIC, record(id, "{}"))).isInstanceOf(RetriableException.class)
          .hasMessageContaining(id.toString());
      assertThat(glue.server().injectedFailures()).isEqualTo(2);
    }
  }

  @Test
  void testValueNotMatchingItsSchemaIsBadDataOnWrite() {
    Schema schema = SchemaBuilder.struct().field("n", Schema.INT32_SCHEMA).build();
    Struct wrong = new Struct(SchemaBuilder.struct().field("n", Schema.INT64_SCHEMA).build()).put("n", 1L);
    assertThatThrownBy(() -> converter.fromConnectData(TOPIC, schema, wrong)).isInstanceOf(DataException.class);
    assertThatThrownBy(() -> converter.fromConnectData(TOPIC, null, Map.of("a", 1)))
        .isInstanceOf(DataException.class).hasMessageContaining("needs a Connect schema");
  }

  @Test
  void testDecimalSchemaIsWrittenAsAwsWritesIt() {
    ConnectToJsonSchema base64 = new ConnectToJsonSchema(DecimalFormat.BASE64);
    assertThat(base64.toJsonSchema(Decimal.schema(3)).toString()).isEqualTo("{\"type\":\"string\","
        + "\"connect.version\":1,\"connect.type\":\"bytes\",\"connect.name\":\"org.apache.kafka.connect.data.Decimal\","
        + "\"connect.parameters\":{\"scale\":\"3\"}}");
    assertThat(base64.toJsonSchema(SchemaBuilder.array(Schema.OPTIONAL_INT16_SCHEMA).build()).toString())
        .isEqualTo("{\"type\":\"array\",\"items\":{\"oneOf\":[{\"type\":\"integer\",\"connect.type\":\"int16\"},"
            + "{\"type\":\"null\"}]}}");
  }

  @Test
  void testNullIsNull() {
    assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter.fromConnectData(TOPIC, JsonOrderEvents.SCHEMA, null)).isNull();
  }
}
