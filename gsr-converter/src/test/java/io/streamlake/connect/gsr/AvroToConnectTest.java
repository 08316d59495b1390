package io.streamlake.connect.gsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class AvroToConnectTest {

  private final AvroToConnect toConnect = new AvroToConnect(10);
  private final ConnectToAvro toAvro = new ConnectToAvro(10);

  private static org.apache.avro.Schema parse(String json) {
    return new org.apache.avro.Schema.Parser().parse(json);
  }

  @Test
  void testMicrosAndLocalTimestampsAreMillisecondsRoundedDown() {
    org.apache.avro.Schema timeMicros = parse("{\"type\": \"long\", \"logicalType\": \"time-micros\"}");
    org.apache.avro.Schema local = parse("{\"type\": \"long\", \"logicalType\": \"local-timestamp-micros\"}");
    assertThat(toConnect.toConnectSchema(timeMicros)).isEqualTo(Time.SCHEMA);
    assertThat(toConnect.toConnectSchema(local)).isEqualTo(Timestamp.SCHEMA);
    assertThat(toConnect.toConnectValue(timeMicros, Time.SCHEMA, 3_600_000_999L))
        .isEqualTo(new java.util.Date(3_600_000L));
    assertThat(toConnect.toConnectValue(local, Timestamp.SCHEMA, -1L)).isEqualTo(new java.util.Date(-1L));
  }

  @Test
  void testFixedWithoutLogicalTypeIsBytes() {
    org.apache.avro.Schema fixed = parse("{\"type\": \"fixed\", \"name\": \"Md5\", \"size\": 2}");
    assertThat(toConnect.toConnectSchema(fixed)).isEqualTo(Schema.BYTES_SCHEMA);
    assertThat((byte[]) toConnect.toConnectValue(fixed, Schema.BYTES_SCHEMA,
        new GenericData.Fixed(fixed, new byte[] {1, 2}))).containsExactly(1, 2);
  }

  @Test
  void testUnionOfTwoTypesIsRefused() {
    org.apache.avro.Schema union = parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"u\","
        + " \"type\": [\"null\", \"int\", \"string\"]}]}");
    assertThatThrownBy(() -> toConnect.toConnectSchema(union)).isInstanceOf(DataException.class)
        .hasMessageContaining("R.u").hasMessageContaining("not null plus one type");
  }

  @Test
  void testRecursiveRecordIsRefused() {
    org.apache.avro.Schema list = parse("{\"type\": \"record\", \"name\": \"Node\", \"fields\": [{\"name\": \"next\","
        + " \"type\": [\"null\", \"Node\"]}]}");
    assertThatThrownBy(() -> toConnect.toConnectSchema(list)).isInstanceOf(DataException.class)
        .hasMessageContaining("Node is recursive");
  }

  @Test
  void testNonStringMapKeysRoundTripAsMapEntries() {
    Schema map = SchemaBuilder.map(Schema.INT64_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build();
    org.apache.avro.Schema avro = toAvro.toAvroSchema(map);
    assertThat(avro.getType()).isEqualTo(org.apache.avro.Schema.Type.ARRAY);
    assertThat(avro.getElementType().getFullName()).isEqualTo("io.confluent.connect.avro.MapEntry");
    Object avroValue = toAvro.toAvroValue(map, avro, Map.of(5L, "five"));
    assertThat(toConnect.toConnectSchema(avro)).isEqualTo(map);
    assertThat(toConnect.toConnectValue(avro, map, avroValue)).isEqualTo(Map.of(5L, "five"));
  }

  @Test
  void testInt8AndInt16RoundTripThroughTheConnectTypeProperty() {
    Schema struct = SchemaBuilder.struct().name("com.example.Small").field("b", Schema.INT8_SCHEMA)
        .field("s", Schema.OPTIONAL_INT16_SCHEMA).field("raw", Schema.BYTES_SCHEMA).build();
    org.apache.avro.Schema avro = toAvro.toAvroSchema(struct);
    Struct value = new Struct(struct).put("b", (byte) -3).put("s", (short) 300).put("raw", new byte[] {9});
    Object avroValue = toAvro.toAvroValue(struct, avro, value);
    Schema back = toConnect.toConnectSchema(parse(avro.toString()));
    assertThat(back).isEqualTo(struct);
    Struct read = (Struct) toConnect.toConnectValue(avro, back, avroValue);
    assertThat(read.getInt8("b")).isEqualTo((byte) -3);
    assertThat(read.getInt16("s")).isEqualTo((short) 300);
    assertThat(read.getBytes("raw")).containsExactly(9);
  }

  @Test
  void testSameNamedStructsWithDifferentFieldsGetDistinctAvroNames() {
    Schema a = SchemaBuilder.struct().name("com.example.Part").field("x", Schema.INT32_SCHEMA).build();
    Schema b = SchemaBuilder.struct().name("com.example.Part").field("y", Schema.STRING_SCHEMA).build();
    Schema outer = SchemaBuilder.struct().name("com.example.Outer").field("a", a).field("b", b).field("a2", a)
        .field("list", SchemaBuilder.array(a).build()).build();
    org.apache.avro.Schema avro = parse(toAvro.toAvroSchema(outer).toString());
    assertThat(avro.getField("a").schema().getFullName()).isEqualTo("com.example.Part");
    assertThat(avro.getField("b").schema().getFullName()).isEqualTo("com.example.Part_2");
    assertThat(avro.getField("a2").schema().getFullName()).isEqualTo("com.example.Part");
    Struct value = new Struct(outer).put("a", new Struct(a).put("x", 1)).put("b", new Struct(b).put("y", "why"))
        .put("a2", new Struct(a).put("x", 2)).put("list", List.of(new Struct(a).put("x", 3)));
    Object avroValue = toAvro.toAvroValue(outer, avro, value);
    assertThat(((GenericData.Record) avroValue).get("b").toString()).contains("why");
  }

  @Test
  void testBytesValuesAreCopied() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 1, 2, 3}, 1, 2);
    assertThat((byte[]) toConnect.toConnectValue(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES),
        Schema.BYTES_SCHEMA, buffer)).containsExactly(1, 2);
  }
}
