package io.streamlake.connect.gsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.gsr.testing.GlueRegistryStandIn;
import io.streamlake.connect.gsr.testing.GsrRecords;
import io.streamlake.connect.gsr.testing.OrderEvents;
import io.streamlake.connect.s3.format.AvroSchemaMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlueSchemaRegistryAvroConverterTest {

  private static final String TOPIC = "order-events";

  private GlueRegistryStandIn glue;
  private GlueSchemaRegistryAvroConverter converter;
  private UUID orders;

  @BeforeEach
  void start() {
    glue = GlueRegistryStandIn.start();
    orders = glue.register("default-registry", TOPIC, OrderEvents.SCHEMA_JSON).id();
    converter = TestConverters.value(glue, Map.of());
  }

  @AfterEach
  void stop() {
    converter.close();
    glue.close();
  }

  private byte[] order(int i, boolean zlib) {
    return GsrRecords.encode(orders, OrderEvents.SCHEMA, OrderEvents.record(i), zlib);
  }

  @Test
  void testOrderSchemaBecomesConnectSchemaWithLogicalTypes() {
    Schema schema = converter.toConnectData(TOPIC, order(0, false)).schema();

    assertThat(schema.name()).isEqualTo("com.example.orders.OrderEvent");
    assertThat(schema.doc()).isEqualTo("One change of an order");
    assertThat(schema.field("amount").schema()).isEqualTo(Decimal.builder(2)
        .parameter("connect.decimal.precision", "12").build());
    assertThat(schema.field("tax").schema()).isEqualTo(Decimal.builder(3)
        .parameter("connect.decimal.precision", "10").build());
    assertThat(schema.field("placed_at").schema()).isEqualTo(Timestamp.SCHEMA);
    assertThat(schema.field("placed_at_micros").schema()).isEqualTo(Timestamp.SCHEMA);
    assertThat(schema.field("ship_date").schema()).isEqualTo(Date.builder().optional().build());
    assertThat(schema.field("pickup_time").schema()).isEqualTo(Time.SCHEMA);
    Schema status = schema.field("status").schema();
    assertThat(status.type()).isEqualTo(Schema.Type.STRING);
    assertThat(status.defaultValue()).isEqualTo("NEW");
    assertThat(status.parameters()).containsEntry("io.confluent.connect.avro.Enum", "com.example.orders.Status")
        .containsEntry("io.confluent.connect.avro.Enum.SHIPPED", "SHIPPED");
    Schema customer = schema.field("customer").schema();
    assertThat(customer.name()).isEqualTo("com.example.orders.Customer");
    assertThat(customer.field("email").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    assertThat(customer.field("tier").schema().defaultValue()).isEqualTo("standard");
    Schema items = schema.field("items").schema();
    assertThat(items.type()).isEqualTo(Schema.Type.ARRAY);
    assertThat(items.valueSchema().field("unit_price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema.field("attributes").schema().type()).isEqualTo(Schema.Type.MAP);
    assertThat(schema.field("attributes").schema().defaultValue()).isEqualTo(Map.of());
    assertThat(schema.field("note").schema().isOptional()).isTrue();
  }

  /** The sink maps the produced Connect schema to Avro (and so Parquet) with the original logical types. */
  @Test
  void testSinkMapsTheConnectSchemaToTheSameLogicalTypes() {
    Schema schema = converter.toConnectData(TOPIC, order(0, false)).schema();
    org.apache.avro.Schema written = new AvroSchemaMapper(38).toAvro(schema);

    assertThat(written.getField("amount").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 2));
    assertThat(written.getField("tax").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 3));
    assertThat(written.getField("placed_at").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    assertThat(written.getField("placed_at_micros").schema().getLogicalType())
        .isEqualTo(LogicalTypes.timestampMillis());
    assertThat(written.getField("ship_date").schema().getTypes().get(1).getLogicalType())
        .isEqualTo(LogicalTypes.date());
    assertThat(written.getField("pickup_time").schema().getLogicalType()).isEqualTo(LogicalTypes.timeMillis());
    assertThat(written.getField("items").schema().getElementType().getField("unit_price").schema().getLogicalType())
        .isEqualTo(LogicalTypes.decimal(10, 2));
  }

  @Test
  void testZlibRecordsDecodeLikePlainOnes() {
    SchemaAndValue plain = converter.toConnectData(TOPIC, order(3, false));
    SchemaAndValue zlib = converter.toConnectData(TOPIC, order(3, true));
    assertThat(zlib).isEqualTo(plain);
  }

  @Test
  void testEachSchemaVersionIsFetchedOnce() {
    for (int i = 0; i < 5; i++) {
      converter.toConnectData(TOPIC, order(i, i % 2 == 0));
    }
    assertThat(glue.server().calls("GetSchemaVersion")).hasSize(1);
    assertThat(glue.server().calls("GetSchemaVersion").get(0).body().path("SchemaVersionId").asText())
        .isEqualTo(orders.toString());
    assertThat(glue.server().calls("GetSchemaVersion").get(0).accessKeyId()).isEqualTo("AKIDGSRTEST");
  }

  @Test
  void testSchemaCacheIsBoundedByCacheSize() {
    UUID second = glue.register("default-registry", "other", "{\"type\": \"string\"}").id();
    try (GlueSchemaRegistryAvroConverter small = TestConverters.value(glue, Map.of("cacheSize", "1"))) {
      for (int i = 0; i < 3; i++) {
        small.toConnectData(TOPIC, order(i, false));
        assertThat(small.toConnectData("other", GsrRecords.encode(second,
            org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING), "text " + i, false)).value())
            .isEqualTo("text " + i);
      }
    }
    assertThat(glue.server().calls("GetSchemaVersion")).hasSize(6);
  }

  @Test
  void testNullIsNull() {
    assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter.fromConnectData(TOPIC, Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
  }

  @Test
  void testUnknownSchemaVersionIdIsBadDataNamingTheId() {
    UUID unknown = UUID.fromString("00000000-0000-0000-0000-00000000abcd");
    byte[] record = GsrRecords.encode(unknown, OrderEvents.SCHEMA, OrderEvents.record(0), false);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record)).isInstanceOf(DataException.class)
        .hasMessageContaining(unknown.toString()).hasMessageContaining("does not exist");
  }

  @Test
  void testWrongHeaderByteIsBadData() {
    byte[] record = order(0, false);
    record[0] = 0; // Confluent's magic byte, for instance
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record)).isInstanceOf(DataException.class)
        .hasMessageContaining("header version byte is 0, expected 3");
    assertThat(glue.server().calls()).isEmpty();
  }

  @Test
  void testUnknownCompressionByteIsBadData() {
    byte[] record = order(0, false);
    record[1] = 7;
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record)).isInstanceOf(DataException.class)
        .hasMessageContaining("unknown compression byte 7");
  }

  @Test
  void testPayloadThatDoesNotMatchTheSchemaIsBadData() {
    byte[] truncated = java.util.Arrays.copyOf(order(0, false), 30);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, truncated)).isInstanceOf(DataException.class)
        .hasMessageContaining(orders.toString()).hasMessageContaining("not valid Avro");
    byte[] longer = java.util.Arrays.copyOf(order(0, false), order(0, false).length + 3);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, longer)).isInstanceOf(DataException.class)
        .hasMessageContaining("bytes left after its Avro value");
  }

  @Test
  void testNonAvroSchemaVersionIsBadData() {
    UUID json = UUID.randomUUID();
    glue.put(json, "default-registry", "json-events", "{\"type\": \"object\"}", "JSON");
    byte[] record = GsrRecords.frame(json, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, record)).isInstanceOf(DataException.class)
        .hasMessageContaining(json.toString()).hasMessageContaining("JSON");
  }

  @Test
  void testGlueOutageIsRetriedThenSucceeds() {
    glue.server().failNext(2, 503, "ServiceUnavailableException");
    SchemaAndValue decoded = converter.toConnectData(TOPIC, order(1, false));
    assertThat(((Struct) decoded.value()).getString("order_id")).isEqualTo("order-1");
    assertThat(glue.server().injectedFailures()).isEqualTo(2);
    assertThat(glue.server().calls("GetSchemaVersion")).hasSize(3);
  }

  @Test
  void testGlueOutageOutlastingTheRetriesIsRetriableNamingTheVersionId() {
    try (GlueSchemaRegistryAvroConverter few = TestConverters.value(glue, Map.of("glue.retry.max.attempts", "3"))) {
      glue.server().failNext(10, 429, "ThrottlingException");
      assertThatThrownBy(() -> few.toConnectData(TOPIC, order(1, false))).isInstanceOf(RetriableException.class)
          .hasMessageContaining(orders.toString()).hasMessageContaining("after 3 attempts");
      assertThat(glue.server().injectedFailures()).isEqualTo(3);
    }
  }

  @Test
  void testAccessDeniedFailsAtOnceAsConnectException() {
    glue.server().failNext(1, 400, "AccessDeniedException");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, order(1, false)))
        .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
        .isNotInstanceOf(DataException.class).hasMessageContaining(orders.toString())
        .hasMessageContaining("AccessDeniedException");
    assertThat(glue.server().injectedFailures()).isEqualTo(1);
  }

  private static final Schema PAYMENT = SchemaBuilder.struct().name("com.example.Payment")
      .field("id", Schema.STRING_SCHEMA)
      .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "9").build())
      .field("at", Timestamp.SCHEMA)
      .field("small", Schema.INT16_SCHEMA)
      .field("memo", Schema.OPTIONAL_STRING_SCHEMA)
      .field("lines", SchemaBuilder.array(Schema.INT64_SCHEMA).build())
      .field("by_code", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
      .build();

  private static Struct payment(String id) {
    return new Struct(PAYMENT).put("id", id).put("amount", new BigDecimal("12345.67"))
        .put("at", new java.util.Date(OrderEvents.NEW_YEAR_MS)).put("small", (short) -7).put("memo", null)
        .put("lines", List.of(1L, 2L)).put("by_code", Map.of(7, "seven"));
  }

  @Test
  void testFromConnectDataWithoutAutoRegistrationNeedsTheSchemaRegistered() {
    assertThatThrownBy(() -> converter.fromConnectData("payments", PAYMENT, payment("p1")))
        .isInstanceOf(DataException.class).hasMessageContaining("schemaAutoRegistrationEnabled is false")
        .hasMessageContaining("payments");
    assertThat(glue.server().calls("CreateSchema")).isEmpty();
  }

  @Test
  void testFromConnectDataRegistersAndRoundTrips() {
    try (GlueSchemaRegistryAvroConverter writer = TestConverters.value(glue,
        Map.of("schemaAutoRegistrationEnabled", "true", "compatibility", "full"))) {
      byte[] first = writer.fromConnectData("payments", PAYMENT, payment("p1"));
      byte[] second = writer.fromConnectData("payments", PAYMENT, payment("p2"));

      assertThat(glue.server().calls("CreateSchema")).singleElement().satisfies(call -> {
        assertThat(call.body().path("SchemaName").asText()).isEqualTo("payments");
        assertThat(call.body().path("DataFormat").asText()).isEqualTo("AVRO");
        assertThat(call.body().path("Compatibility").asText()).isEqualTo("FULL");
        assertThat(call.body().path("RegistryId").path("RegistryName").asText()).isEqualTo("default-registry");
      });
      assertThat(glue.server().calls("GetSchemaByDefinition")).as("second record from the cache").hasSize(1);
      UUID registered = glue.versionsOf("default-registry", "payments").get(0).id();
      assertThat(WireFormat.decode(first).schemaVersionId()).isEqualTo(registered);
      assertThat(first[0]).isEqualTo((byte) 3);
      assertThat(first[1]).isEqualTo((byte) 0);

      SchemaAndValue back = converter.toConnectData("payments", second);
      Struct value = (Struct) back.value();
      assertThat(value.getString("id")).isEqualTo("p2");
      assertThat(value.get("amount")).isEqualTo(new BigDecimal("12345.67"));
      assertThat(value.get("at")).isEqualTo(new java.util.Date(OrderEvents.NEW_YEAR_MS));
      assertThat(value.getInt16("small")).isEqualTo((short) -7);
      assertThat(value.getString("memo")).isNull();
      assertThat(value.getArray("lines")).containsExactly(1L, 2L);
      assertThat(value.getMap("by_code")).isEqualTo(Map.of(7, "seven"));
      assertThat(back.schema()).isEqualTo(PAYMENT);
    }
  }

  @Test
  void testReadSchemaWritesBackToTheSameAvroSchema() {
    SchemaAndValue read = converter.toConnectData(TOPIC, order(2, false));
    try (GlueSchemaRegistryAvroConverter writer = TestConverters.value(glue,
        Map.of("schemaAutoRegistrationEnabled", "true"))) {
      byte[] written = writer.fromConnectData("orders-copy", read.schema(), read.value());
      SchemaAndValue again = converter.toConnectData("orders-copy", written);
      for (org.apache.kafka.connect.data.Field field : read.schema().fields()) {
        assertThat(again.schema().field(field.name()).schema()).as(field.name()).isEqualTo(field.schema());
      }
      assertThat(again.schema()).isEqualTo(read.schema());
      assertThat(again.value()).isEqualTo(read.value());
      String definition = glue.versionsOf("default-registry", "orders-copy").get(0).definition();
      org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(definition);
      assertThat(avro.getField("status").schema().getType()).isEqualTo(org.apache.avro.Schema.Type.ENUM);
      assertThat(avro.getField("status").schema().getEnumSymbols()).containsExactly("NEW", "PAID", "SHIPPED");
      assertThat(avro.getField("amount").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 2));
    }
  }

  @Test
  void testNewDefinitionOfAnExistingSchemaIsRegisteredAsANewVersion() {
    glue.register("default-registry", "payments", "{\"type\": \"string\"}");
    try (GlueSchemaRegistryAvroConverter writer = TestConverters.value(glue,
        Map.of("schemaAutoRegistrationEnabled", "true"))) {
      writer.fromConnectData("payments", PAYMENT, payment("p1"));
    }
    assertThat(glue.server().calls("RegisterSchemaVersion")).hasSize(1);
    assertThat(glue.server().calls("CreateSchema")).isEmpty();
    assertThat(glue.versionsOf("default-registry", "payments")).hasSize(2);
  }

  @Test
  void testPendingRegistrationIsPolledUntilAvailable() {
    glue.newVersionsPendingFor(2);
    try (GlueSchemaRegistryAvroConverter writer = TestConverters.value(glue,
        Map.of("schemaAutoRegistrationEnabled", "true"))) {
      byte[] bytes = writer.fromConnectData("payments", PAYMENT, payment("p1"));
      assertThat(WireFormat.decode(bytes).schemaVersionId())
          .isEqualTo(glue.versionsOf("default-registry", "payments").get(0).id());
    }
    assertThat(glue.server().calls("GetSchemaVersion")).hasSize(3);
  }

  @Test
  void testSchemaNameRegistryNameAndZlibAreUsed() {
    glue.createRegistry("orders-registry");
    try (GlueSchemaRegistryAvroConverter writer = TestConverters.value(glue, Map.of(
        "schemaAutoRegistrationEnabled", "true", "schemaName", "payment-value", "registry.name", "orders-registry",
        "compression", "zlib"))) {
      byte[] bytes = writer.fromConnectData("payments", PAYMENT, payment("p1"));
      assertThat(bytes[1]).isEqualTo((byte) 5);
      assertThat(glue.versionsOf("orders-registry", "payment-value")).hasSize(1);
      assertThat(((Struct) converter.toConnectData("payments", bytes).value()).getString("id")).isEqualTo("p1");
    }
  }

  @Test
  void testMissingRegistryFailsTheTaskNamingIt() {
    try (GlueSchemaRegistryAvroConverter writer = TestConverters.value(glue, Map.of(
        "schemaAutoRegistrationEnabled", "true", "registry.name", "no-such-registry"))) {
      assertThatThrownBy(() -> writer.fromConnectData("payments", PAYMENT, payment("p1")))
          .isInstanceOf(ConnectException.class).hasMessageContaining("no-such-registry");
    }
  }

  @Test
  void testValueNotMatchingItsSchemaIsBadData() {
    assertThatThrownBy(() -> converter.fromConnectData("payments", Schema.INT32_SCHEMA, "not a number"))
        .isInstanceOf(DataException.class);
    assertThatThrownBy(() -> converter.fromConnectData("payments", null, "schemaless"))
        .isInstanceOf(DataException.class).hasMessageContaining("needs a Connect schema");
  }
}
