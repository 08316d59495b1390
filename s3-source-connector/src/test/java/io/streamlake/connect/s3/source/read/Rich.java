package io.streamlake.connect.s3.source.read;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** Test fixture: a value schema with every type the sink maps, and records of it. */
final class Rich {

  static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  static final Schema ADDRESS = SchemaBuilder.struct().name("io.test.Address")
      .field("city", Schema.STRING_SCHEMA)
      .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
      .optional()
      .build();

  /** An unnamed struct, as array element. */
  static final Schema POINT = SchemaBuilder.struct()
      .field("x", Schema.INT32_SCHEMA)
      .field("y", Schema.OPTIONAL_INT32_SCHEMA)
      .build();

  static final Schema AMOUNT = Decimal.builder(2).parameter("connect.decimal.precision", "12").build();
  static final Schema OPTIONAL_RATE = Decimal.builder(5).parameter("connect.decimal.precision", "20").optional()
      .build();

  static final Schema VALUE = SchemaBuilder.struct().name("io.test.Rich")
      .field("i8", Schema.INT8_SCHEMA)
      .field("i16", Schema.INT16_SCHEMA)
      .field("i32", Schema.INT32_SCHEMA)
      .field("i64", Schema.INT64_SCHEMA)
      .field("f32", Schema.FLOAT32_SCHEMA)
      .field("f64", Schema.FLOAT64_SCHEMA)
      .field("flag", Schema.BOOLEAN_SCHEMA)
      .field("text", SchemaBuilder.string().doc("some text").build())
      .field("blob", Schema.BYTES_SCHEMA)
      .field("opt_i8", Schema.OPTIONAL_INT8_SCHEMA)
      .field("opt_text", Schema.OPTIONAL_STRING_SCHEMA)
      .field("opt_blob", Schema.OPTIONAL_BYTES_SCHEMA)
      .field("amount", AMOUNT)
      .field("rate", OPTIONAL_RATE)
      .field("day", Date.SCHEMA)
      .field("clock", Time.SCHEMA)
      .field("at", Timestamp.SCHEMA)
      .field("opt_at", Timestamp.builder().optional().build())
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .field("scores", SchemaBuilder.array(Schema.OPTIONAL_FLOAT64_SCHEMA).optional().build())
      .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
      .field("names_by_id", SchemaBuilder.map(Schema.INT64_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
      .field("address", ADDRESS)
      .field("points", SchemaBuilder.array(POINT).build())
      .field("dashed-name", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  private Rich() {}

  /** Record {@code i}; nulls, empty collections and negative numbers come in turn. */
  static Struct value(int i) {
    return fill(new Struct(VALUE), i);
  }

  /** The same content under another (e.g. optional) copy of the schema. */
  static Struct fill(Struct struct, int i) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int c = 0; c < i % 3; c++) {
      counts.put("c" + c, c * i);
    }
    Map<Long, String> names = new LinkedHashMap<>();
    names.put((long) -i, "minus " + i);
    names.put((long) i * 1000, i % 2 == 0 ? null : "n" + i);
    List<Double> scores = Arrays.asList(i * 0.5, null, -1e300);
    List<Struct> points = new ArrayList<>();
    for (int p = 0; p < i % 4; p++) {
      points.add(new Struct(POINT).put("x", p).put("y", p % 2 == 0 ? null : -p));
    }
    Schema schema = struct.schema();
    return struct
        .put("i8", (byte) (i % 256 - 128))
        .put("i16", (short) (i * 7 - 30000))
        .put("i32", i * 100_003 * (i % 2 == 0 ? 1 : -1))
        .put("i64", Long.MAX_VALUE - i)
        .put("f32", i / 3.0f)
        .put("f64", Math.PI * i)
        .put("flag", i % 2 == 0)
        .put("text", "text " + i + " \u00e9\u4e2d\ud83d\ude00")
        .put("blob", new byte[] {(byte) i, 0, (byte) 0xff, (byte) -i})
        .put("opt_i8", i % 3 == 0 ? null : (byte) i)
        .put("opt_text", i % 2 == 0 ? null : "opt " + i)
        .put("opt_blob", i % 2 == 1 ? null : "b".repeat(i).getBytes(StandardCharsets.UTF_8))
        .put("amount", new BigDecimal(i * 12345L - 99999L).movePointLeft(2))
        .put("rate", i % 4 == 0 ? null : new BigDecimal("123456789012345.12345").negate().add(BigDecimal.valueOf(i)))
        .put("day", new java.util.Date((i - 5) * 86_400_000L))
        .put("clock", new java.util.Date((i * 3_723_004L) % 86_400_000L))
        .put("at", new java.util.Date(T0 + i * 1001L))
        .put("opt_at", i % 3 == 1 ? null : new java.util.Date(-T0 + i))
        .put("tags", i % 5 == 0 ? List.of() : List.of("a", "b" + i))
        .put("scores", i % 2 == 0 ? null : scores)
        .put("counts", counts)
        .put("names_by_id", i % 6 == 5 ? null : names)
        .put("address", i % 3 == 2 ? null : new Struct(schema.field("address").schema()).put("city", "city " + i)
            .put("zip", i % 2 == 0 ? null : "0" + i))
        .put("points", points)
        .put("dashed-name", "dash " + i);
  }

  static List<Struct> values(int n) {
    List<Struct> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(value(i));
    }
    return out;
  }

  /** A copy of a struct schema made optional (what the envelope does to the value schema). */
  static Schema optional(Schema struct) {
    SchemaBuilder builder = SchemaBuilder.struct().name(struct.name()).optional();
    for (Field field : struct.fields()) {
      builder.field(field.name(), field.schema());
    }
    return builder.build();
  }

  /**
   * What a JSON-lines file gives back for a Connect value: JsonConverter's schemaless shapes of the sink's JSON
   * (objects as maps, whole numbers as longs, other numbers and decimals as doubles, bytes as base64 text, Date as
   * days, Time and Timestamp as milliseconds, map keys as text).
   */
  static Object schemaless(Object value, Schema schema) {
    if (value == null) {
      return null;
    }
    String name = schema == null ? null : schema.name();
    if (Date.LOGICAL_NAME.equals(name)) {
      return Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L);
    }
    if (Time.LOGICAL_NAME.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
      return ((java.util.Date) value).getTime();
    }
    if (value instanceof Struct struct) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Field field : struct.schema().fields()) {
        out.put(field.name(), schemaless(struct.get(field), field.schema()));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), schemaless(v, schema == null ? null : schema.valueSchema())));
      return out;
    }
    if (value instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>();
      items.forEach(item -> out.add(schemaless(item, schema == null ? null : schema.valueSchema())));
      return out;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Float || value instanceof Double) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    return value;
  }
}
