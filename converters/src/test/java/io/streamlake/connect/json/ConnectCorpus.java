package io.streamlake.connect.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Random Connect schemas and values from a seed: every type and logical type, nesting, optional fields, nulls
 * and defaults, names/versions/docs/parameters, strings with escapes, unicode and lone surrogates, numbers at the
 * edges of each type, and now and then a value that does not fit its schema.
 */
final class ConnectCorpus {

  record Case(Schema schema, Object value) {}

  static final String[] STRINGS = {"", "plain", "h\u00e9llo w\u00f6rld", "\u65e5\u672c\u8a9e", "emoji \ud83d\ude00",
      "quote \" backslash \\ slash /", "ctl \n\t\r\b\f \u0000 \u001f \u007f", "lone \ud800 surrogate",
      "tail \udc00", "<script>&amp;</script>", "x".repeat(300), "\u2028\u2029", "nul\u0000"};
  static final long[] LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
      Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, 9007199254740993L};
  static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.5, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.2250738585072014E-308, 1e-300, 1e22, 1e23,
      123456789.123456789, 4.35, 1.0E-7, 9007199254740993.0};
  static final float[] FLOATS = {0f, -0f, 1f, 0.1f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.17549435E-38f, 16777217f, 3.4e-40f, 1.0E-7f};

  private final Random random;

  ConnectCorpus(long seed) {
    this.random = new Random(seed);
  }

  List<Case> cases(int count) {
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % 10 == 9) {
        cases.add(new Case(null, schemalessValue(0)));
        continue;
      }
      Schema schema = schema(0);
      cases.add(new Case(schema, value(schema, 0)));
    }
    return cases;
  }

  Schema schema(int depth) {
    int kind = random.nextInt(depth > 3 ? 14 : 19);
    SchemaBuilder builder = switch (kind) {
      case 0 -> SchemaBuilder.bool();
      case 1 -> SchemaBuilder.int8();
      case 2 -> SchemaBuilder.int16();
      case 3 -> SchemaBuilder.int32();
      case 4 -> SchemaBuilder.int64();
      case 5 -> SchemaBuilder.float32();
      case 6 -> SchemaBuilder.float64();
      case 7, 8 -> SchemaBuilder.string();
      case 9 -> SchemaBuilder.bytes();
      case 10 -> Decimal.builder(new int[] {0, 2, 5, 18, -3}[random.nextInt(5)]);
      case 11 -> Date.builder();
      case 12 -> Time.builder();
      case 13 -> Timestamp.builder();
      case 14 -> SchemaBuilder.array(schema(depth + 1));
      case 15 -> SchemaBuilder.map(Schema.STRING_SCHEMA, schema(depth + 1));
      case 16 -> SchemaBuilder.map(random.nextBoolean() ? Schema.INT32_SCHEMA : schema(depth + 1), schema(depth + 1));
      default -> struct(depth);
    };
    if (random.nextInt(4) == 0) {
      builder.optional();
    }
    if (builder.name() == null && random.nextInt(8) == 0) {
      builder.name("io.streamlake.test.N" + random.nextInt(100));
    }
    if (builder.version() == null && random.nextInt(8) == 0) {
      builder.version(random.nextInt(5));
    }
    if (random.nextInt(8) == 0) {
      builder.doc(STRINGS[random.nextInt(STRINGS.length)]);
    }
    if (random.nextInt(8) == 0) {
      builder.parameter("p" + random.nextInt(3), STRINGS[random.nextInt(STRINGS.length)]);
      builder.parameter("a", "1");
    }
    if (kind < 14 && random.nextInt(5) == 0) {
      Object defaultValue = value(builder, depth);
      if (defaultValue != null) {
        try {
          builder.defaultValue(defaultValue);
        } catch (RuntimeException invalid) {
          // a value that does not fit: no default
        }
      }
    }
    return builder.build();
  }

  private SchemaBuilder struct(int depth) {
    SchemaBuilder builder = SchemaBuilder.struct().name("io.streamlake.test.S" + depth + "x" + random.nextInt(50));
    int fields = 1 + random.nextInt(5);
    for (int i = 0; i < fields; i++) {
      builder.field(i == 0 ? STRINGS[random.nextInt(4)] + "f" : "f" + i, schema(depth + 1));
    }
    return builder;
  }

  Object value(Schema schema, int depth) {
    if (random.nextInt(40) == 0) {
      return misfit();
    }
    if ((schema.isOptional() || schema.defaultValue() != null) && random.nextInt(6) == 0) {
      return null;
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> {
          int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
          BigInteger unscaled = random.nextInt(4) == 0
              ? new BigInteger(130, random).negate() : BigInteger.valueOf(random.nextLong() % 100_000_000);
          return new BigDecimal(unscaled, random.nextInt(30) == 0 ? scale + 1 : scale);
        }
        case Date.LOGICAL_NAME -> {
          return new java.util.Date((random.nextInt(40_000) - 20_000) * 86_400_000L
              + (random.nextInt(20) == 0 ? 1 : 0));
        }
        case Time.LOGICAL_NAME -> {
          return new java.util.Date(random.nextInt(86_400_000));
        }
        case Timestamp.LOGICAL_NAME -> {
          return new java.util.Date(random.nextBoolean() ? random.nextLong() % 4_000_000_000_000L
              : LONGS[random.nextInt(LONGS.length)]);
        }
        default -> { }
      }
    }
    return switch (schema.type()) {
      case BOOLEAN -> random.nextBoolean();
      case INT8 -> (byte) (random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextInt());
      case INT16 -> (short) (random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextInt());
      case INT32 -> (int) (random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextInt());
      case INT64 -> random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong();
      case FLOAT32 -> random.nextBoolean() ? FLOATS[random.nextInt(FLOATS.length)] : random.nextFloat() * 1e6f;
      case FLOAT64 -> random.nextBoolean() ? DOUBLES[random.nextInt(DOUBLES.length)]
          : Double.longBitsToDouble(random.nextLong());
      case STRING -> STRINGS[random.nextInt(STRINGS.length)];
      case BYTES -> bytes();
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(value(schema.valueSchema(), depth + 1));
        }
        yield list;
      }
      case MAP -> {
        Map<Object, Object> map = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put(value(schema.keySchema(), depth + 1), value(schema.valueSchema(), depth + 1));
        }
        yield map;
      }
      case STRUCT -> {
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
          Object fieldValue = value(field.schema(), depth + 1);
          try {
            struct.put(field, fieldValue);
          } catch (RuntimeException invalid) {
            // Struct.put refuses misfits: leave the field unset (null)
          }
        }
        yield struct;
      }
    };
  }

  Object schemalessValue(int depth) {
    int kind = random.nextInt(depth > 3 ? 8 : 11);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> LONGS[random.nextInt(LONGS.length)];
      case 3 -> random.nextInt();
      case 4 -> DOUBLES[random.nextInt(DOUBLES.length)];
      case 5 -> FLOATS[random.nextInt(FLOATS.length)];
      case 6 -> STRINGS[random.nextInt(STRINGS.length)];
      case 7 -> bytes();
      case 8 -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(schemalessValue(depth + 1));
        }
        yield list;
      }
      case 9 -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put(STRINGS[random.nextInt(STRINGS.length)], schemalessValue(depth + 1));
        }
        yield map;
      }
      default -> {
        Map<Object, Object> map = new HashMap<>();
        map.put(random.nextLong(), schemalessValue(depth + 1));
        map.put(null, "null key");
        yield map;
      }
    };
  }

  private Object bytes() {
    byte[] bytes = new byte[random.nextInt(12)];
    random.nextBytes(bytes);
    if (random.nextInt(5) == 0) {
      return ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
    }
    return bytes;
  }

  private Object misfit() {
    return switch (random.nextInt(6)) {
      case 0 -> "not a number";
      case 1 -> 42;
      case 2 -> 42L;
      case 3 -> new java.util.Date(0);
      case 4 -> List.of(1);
      default -> BigDecimal.ONE;
    };
  }
}
