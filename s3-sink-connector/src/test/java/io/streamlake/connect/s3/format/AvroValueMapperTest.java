package io.streamlake.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.testing.Orders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** Error messages name the path of the offending value; the path text is built only when one is thrown. */
class AvroValueMapperTest {

  private static final Schema ORDER = new AvroSchemaMapper(38).toAvro(Orders.ORDER);

  private final AvroValueMapper mapper = new AvroValueMapper();

  private static Map<String, Object> order() {
    Map<String, Object> address = new HashMap<>(Map.of("city", "Lyon"));
    return new HashMap<>(Map.of("id", 1L, "customer", "c", "amount", "1.50", "timestamp", 5L, "created", 5L,
        "tags", List.of("a"), "address", address));
  }

  @Test
  void testNestedFieldPath() {
    Map<String, Object> order = order();
    order.put("address", Map.of("city", new ArrayList<>()));
    assertThatThrownBy(() -> mapper.toRecord(order, ORDER)).isInstanceOf(DataException.class)
        .hasMessage("Field 'address.city' must be a string, got ArrayList");
  }

  @Test
  void testArrayElementPath() {
    Map<String, Object> order = order();
    order.put("tags", List.of("a", new HashMap<>()));
    assertThatThrownBy(() -> mapper.toRecord(order, ORDER)).isInstanceOf(DataException.class)
        .hasMessage("Field 'tags[1]' must be a string, got HashMap");
  }

  @Test
  void testMissingRequiredFieldPath() {
    Map<String, Object> order = order();
    order.put("address", Map.of());
    assertThatThrownBy(() -> mapper.toRecord(order, ORDER)).isInstanceOf(DataException.class)
        .hasMessage("Field 'address.city' is missing and the column is required");
  }

  @Test
  void testMapValuePath() {
    Schema schema = new AvroSchemaMapper(38).toAvro(SchemaBuilder.struct().name("Counts")
        .field("counts", SchemaBuilder.map(org.apache.kafka.connect.data.Schema.STRING_SCHEMA,
            org.apache.kafka.connect.data.Schema.INT64_SCHEMA).build())
        .build());
    assertThatThrownBy(() -> mapper.toRecord(Map.of("counts", Map.of("x", "many")), schema))
        .isInstanceOf(DataException.class).hasMessage("Field 'counts[x]' must be a whole number, got String");
  }

  @Test
  void testStructsOfTwoSchemasIntoOneFileSchema() {
    Schema v2 = new AvroSchemaMapper(38).toAvro(Orders.ORDER_V2);
    for (int i = 0; i < 3; i++) {
      // alternating schemas: the field match cached for v2's record schema must follow the struct's schema
      assertThat(mapper.toRecord(Orders.order(i, 5L), v2).get("channel")).isNull();
      assertThat(mapper.toRecord(Orders.recordV2("t", 0, i, 5L).value(), v2).get("channel")).hasToString("web");
      assertThat(mapper.toRecord(Orders.order(i, 5L), v2).get("id")).isEqualTo((long) i);
    }
  }

  @Test
  void testTopLevelValue() {
    assertThatThrownBy(() -> mapper.toRecord(Map.of("counts", 1), new AvroSchemaMapper(38).toAvro(
        SchemaBuilder.struct().name("Counts").field("counts", SchemaBuilder.struct().name("Inner").build()).build())))
        .isInstanceOf(DataException.class).hasMessage("Field 'counts' must be a struct or map, got Integer");
  }
}
