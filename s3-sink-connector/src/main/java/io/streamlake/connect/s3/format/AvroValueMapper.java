package io.streamlake.connect.s3.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts a Connect value (Struct, Map, List, primitives, logical types) into an Avro datum of a target
 * Avro schema. The target decides: fields are matched by name, so the same code writes schema'd records,
 * projects records of an older schema into a newer file, and writes schemaless Maps with a configured
 * schema. Numbers widen but never lose information; ISO-8601 strings become dates and timestamps.
 * Errors name the field path.
 */
public final class AvroValueMapper {

  private final Map<Schema, FieldMatch> matches = new ConcurrentHashMap<>();

  /** Converts a top-level value to the file's record schema. */
  public GenericData.Record toRecord(Object value, Schema recordSchema) {
    if (value instanceof Struct || value instanceof Map<?, ?>) {
      return (GenericData.Record) convert(value, recordSchema, ValuePath.ROOT);
    }
    // A wrapped primitive: see AvroSchemaMapper.
    Schema.Field only = recordSchema.getField(AvroSchemaMapper.WRAPPED_FIELD);
    if (only == null || recordSchema.getFields().size() != 1) {
      throw new DataException("Expected a Struct or Map value for record schema " + recordSchema.getFullName()
          + ", got " + typeName(value));
    }
    GenericData.Record record = new GenericData.Record(recordSchema);
    record.put(0, convert(value, only.schema(), ValuePath.ROOT.child(AvroSchemaMapper.WRAPPED_FIELD)));
    return record;
  }

  /** Converts a value of any type to a datum of {@code schema} (a top-level datum that need not be a record). */
  public Object toDatum(Object value, Schema schema) {
    return convert(value, schema, ValuePath.ROOT);
  }

  Object convert(Object value, Schema target, ValuePath path) {
    if (target.getType() == Schema.Type.UNION) {
      return convertUnion(value, target, path);
    }
    if (value == null) {
      if (target.getType() == Schema.Type.NULL) {
        return null;
      }
      throw new DataException("Field '" + display(path) + "' is null but the column is required");
    }
    LogicalType logical = target.getLogicalType();
    if (logical != null) {
      return convertLogical(value, target, logical, path);
    }
    return switch (target.getType()) {
      case RECORD -> convertRecord(value, target, path);
      case ARRAY -> convertArray(value, target, path);
      case MAP -> convertMap(value, target, path);
      case STRING -> convertString(value, path);
      case BYTES -> convertBytes(value, path);
      case INT -> Math.toIntExact(integral(value, path, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case LONG -> integral(value, path, Long.MIN_VALUE, Long.MAX_VALUE);
      case FLOAT -> (float) floating(value, path);
      case DOUBLE -> floating(value, path);
      case BOOLEAN -> bool(value, path);
      case ENUM -> new GenericData.EnumSymbol(target, convertString(value, path));
      case FIXED -> new GenericData.Fixed(target, convertBytes(value, path).array());
      case NULL -> throw new DataException("Field '" + display(path) + "' must be null, got " + typeName(value));
      case UNION -> throw new IllegalStateException("handled above");
    };
  }

  private Object convertUnion(Object value, Schema union, ValuePath path) {
    if (value == null) {
      for (Schema branch : union.getTypes()) {
        if (branch.getType() == Schema.Type.NULL) {
          return null;
        }
      }
      throw new DataException("Field '" + display(path) + "' is null but the column is required");
    }
    DataException last = null;
    for (Schema branch : union.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        continue;
      }
      try {
        return convert(value, branch, path);
      } catch (DataException | ArithmeticException e) {
        last = e instanceof DataException d ? d : new DataException(e.getMessage(), e);
      }
    }
    throw last == null ? new DataException("Field '" + display(path) + "' has no non-null type") : last;
  }

  private GenericData.Record convertRecord(Object value, Schema target, ValuePath path) {
    GenericData.Record record = new GenericData.Record(target);
    if (value instanceof Struct struct) {
      Field[] sources = sources(target, struct.schema());
      for (Schema.Field field : target.getFields()) {
        Field source = sources[field.pos()];
        Object fieldValue = source == null ? null : struct.get(source);
        if (source == null) {
          record.put(field.pos(), missing(field, path));
        } else {
          record.put(field.pos(), convert(fieldValue, field.schema(), path.child(field.name())));
        }
      }
      return record;
    }
    if (value instanceof Map<?, ?> map) {
      for (Schema.Field field : target.getFields()) {
        if (!map.containsKey(field.name())) {
          record.put(field.pos(), missing(field, path));
        } else {
          record.put(field.pos(), convert(map.get(field.name()), field.schema(), path.child(field.name())));
        }
      }
      return record;
    }
    throw new DataException("Field '" + display(path) + "' must be a struct or map, got " + typeName(value));
  }

  /**
   * The Connect field feeding each field of an Avro record (by position; null when the struct has none),
   * matched by name once per pair of schemas instead of once per field of every record (a map lookup that was
   * about 5% of the sink's time in JFR). Schemas are compared by identity; the cache is dropped when it holds
   * more than {@link #MAX_MATCHES} pairs.
   */
  private Field[] sources(Schema target, org.apache.kafka.connect.data.Schema connect) {
    // Nested records alternate between a few schema pairs; an identity check on them is much cheaper than the
    // map lookup (which hashes and compares Avro schemas) for every struct of every record.
    int slot = System.identityHashCode(target) & (RECENT - 1);
    FieldMatch recent = this.recent[slot];
    if (recent != null && recent.target() == target && recent.connect() == connect) {
      return recent.sources();
    }
    FieldMatch match = matches.get(target);
    if (match != null && match.connect() == connect) {
      this.recent[slot] = match;
      return match.sources();
    }
    Field[] sources = new Field[target.getFields().size()];
    for (Schema.Field field : target.getFields()) {
      String renamed = field.getProp("connect.name");
      sources[field.pos()] = connect.field(renamed != null ? renamed : field.name());
    }
    if (matches.size() >= MAX_MATCHES) {
      matches.clear();
    }
    FieldMatch created = new FieldMatch(target, connect, sources);
    matches.put(target, created);
    this.recent[slot] = created;
    return sources;
  }

  private static final int MAX_MATCHES = 1000;
  private static final int RECENT = 16;

  /**
   * Last matches looked up, by the identity hash of their Avro schema: entries are immutable and replaced whole,
   * so a reader on another thread sees a consistent entry or misses.
   */
  private final FieldMatch[] recent = new FieldMatch[RECENT];

  /** Last Connect schema seen for an Avro record schema, and its matched fields (never modified). */
  private record FieldMatch(Schema target, org.apache.kafka.connect.data.Schema connect, Field[] sources) {}

  private Object missing(Schema.Field field, ValuePath path) {
    if (field.hasDefaultValue()) {
      Object defaultValue = GenericData.get().getDefaultValue(field);
      return defaultValue;
    }
    if (isNullable(field.schema())) {
      return null;
    }
    throw new DataException("Field '" + path.child(field.name()) + "' is missing and the column is required");
  }

  private List<Object> convertArray(Object value, Schema target, ValuePath path) {
    if (value instanceof Map<?, ?> map && target.getElementType().getType() == Schema.Type.RECORD
        && target.getElementType().getField("key") != null) {
      return mapAsEntries(map, target, path);
    }
    if (!(value instanceof Collection<?> items)) {
      throw new DataException("Field '" + display(path) + "' must be an array, got " + typeName(value));
    }
    List<Object> out = new ArrayList<>(items.size());
    int i = 0;
    for (Object item : items) {
      out.add(convert(item, target.getElementType(), path.index(i++)));
    }
    return out;
  }

  private Object convertMap(Object value, Schema target, ValuePath path) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new DataException("Field '" + display(path) + "' must be a map, got " + typeName(value));
    }
    Map<String, Object> out = new HashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      out.put(key, convert(entry.getValue(), target.getValueType(), path.key(key)));
    }
    return out;
  }

  /** Maps with non-string keys were mapped to arrays of key/value records; see AvroSchemaMapper. */
  private List<Object> mapAsEntries(Map<?, ?> map, Schema arraySchema, ValuePath path) {
    Schema entry = arraySchema.getElementType();
    List<Object> out = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      GenericData.Record record = new GenericData.Record(entry);
      record.put(0, convert(e.getKey(), entry.getField("key").schema(), path.suffix(".key")));
      record.put(1, convert(e.getValue(), entry.getField("value").schema(), path.suffix(".value")));
      out.add(record);
    }
    return out;
  }

  private Object convertLogical(Object value, Schema target, LogicalType logical, ValuePath path) {
    if (logical instanceof LogicalTypes.Decimal decimal) {
      BigDecimal number = decimal(value, path);
      BigDecimal scaled;
      try {
        scaled = number.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw new DataException("Field '" + display(path) + "' value " + number + " does not fit scale "
            + decimal.getScale());
      }
      if (scaled.precision() > decimal.getPrecision()) {
        throw new DataException("Field '" + display(path) + "' value " + number + " exceeds precision "
            + decimal.getPrecision());
      }
      BigInteger unscaled = scaled.unscaledValue();
      if (target.getType() == Schema.Type.FIXED) {
        return new GenericData.Fixed(target, fixedBytes(unscaled, target.getFixedSize()));
      }
      return ByteBuffer.wrap(unscaled.toByteArray());
    }
    if (logical instanceof LogicalTypes.Date) {
      if (value instanceof java.util.Date date) {
        return Math.toIntExact(Math.floorDiv(date.getTime(), 86_400_000L));
      }
      if (value instanceof String text) {
        return Math.toIntExact(parse(() -> LocalDate.parse(text.trim()).toEpochDay(), path, text));
      }
      return Math.toIntExact(integral(value, path, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      if (value instanceof java.util.Date date) {
        return (int) Math.floorMod(date.getTime(), 86_400_000L);
      }
      if (value instanceof String text) {
        return (int) parse(() -> LocalTime.parse(text.trim()).toNanoOfDay() / 1_000_000L, path, text);
      }
      return Math.toIntExact(integral(value, path, 0, 86_400_000L));
    }
    if (logical instanceof LogicalTypes.TimeMicros) {
      if (value instanceof java.util.Date date) {
        return Math.floorMod(date.getTime(), 86_400_000L) * 1000L;
      }
      if (value instanceof String text) {
        return parse(() -> LocalTime.parse(text.trim()).toNanoOfDay() / 1000L, path, text);
      }
      return integral(value, path, 0, 86_400_000_000L);
    }
    if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
      if (value instanceof java.util.Date date) {
        return date.getTime();
      }
      if (value instanceof String text) {
        return parse(() -> Instant.parse(text.trim()).toEpochMilli(), path, text);
      }
      return integral(value, path, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros) {
      if (value instanceof java.util.Date date) {
        return Math.multiplyExact(date.getTime(), 1000L);
      }
      if (value instanceof String text) {
        return parse(() -> {
          Instant instant = Instant.parse(text.trim());
          return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000L);
        }, path, text);
      }
      return integral(value, path, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    // uuid and other logical types on primitive types convert as their base type.
    return switch (target.getType()) {
      case STRING -> convertString(value, path);
      case LONG -> integral(value, path, Long.MIN_VALUE, Long.MAX_VALUE);
      case INT -> Math.toIntExact(integral(value, path, Integer.MIN_VALUE, Integer.MAX_VALUE));
      default -> throw new DataException("Field '" + display(path) + "' has unsupported logical type "
          + logical.getName());
    };
  }

  private static byte[] fixedBytes(BigInteger unscaled, int size) {
    byte[] raw = unscaled.toByteArray();
    byte[] out = new byte[size];
    byte pad = (byte) (unscaled.signum() < 0 ? 0xff : 0);
    int offset = size - raw.length;
    if (offset < 0) {
      throw new DataException("Decimal value does not fit fixed(" + size + ")");
    }
    java.util.Arrays.fill(out, 0, offset, pad);
    System.arraycopy(raw, 0, out, offset, raw.length);
    return out;
  }

  private interface Parse {
    long get();
  }

  private static long parse(Parse parse, ValuePath path, String text) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      throw new DataException("Field '" + display(path) + "' value '" + text + "' is not an ISO-8601 date/time");
    }
  }

  private static BigDecimal decimal(Object value, ValuePath path) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new DataException("Field '" + display(path) + "' is " + d + ", which a decimal cannot hold");
      }
      return new BigDecimal(n.toString());
    }
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw new DataException("Field '" + display(path) + "' value '" + s + "' is not a decimal number");
      }
    }
    throw new DataException("Field '" + display(path) + "' must be a decimal, got " + typeName(value));
  }

  private static long integral(Object value, ValuePath path, long min, long max) {
    long result;
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      result = ((Number) value).longValue();
    } else if (value instanceof BigInteger big) {
      try {
        result = big.longValueExact();
      } catch (ArithmeticException e) {
        throw new DataException("Field '" + display(path) + "' value " + big + " is out of range");
      }
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new DataException("Field '" + display(path) + "' value " + n + " is not a whole number");
      }
      result = (long) d;
    } else if (value instanceof String s && s.trim().matches("-?\\d+")) {
      try {
        result = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new DataException("Field '" + display(path) + "' value '" + s + "' is out of range");
      }
    } else {
      throw new DataException("Field '" + display(path) + "' must be a whole number, got " + typeName(value));
    }
    if (result < min || result > max) {
      throw new DataException("Field '" + display(path) + "' value " + result + " is out of range [" + min + ", "
          + max + "]");
    }
    return result;
  }

  private static double floating(Object value, ValuePath path) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new DataException("Field '" + display(path) + "' value '" + s + "' is not a number");
      }
    }
    throw new DataException("Field '" + display(path) + "' must be a number, got " + typeName(value));
  }

  private static boolean bool(Object value, ValuePath path) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw new DataException("Field '" + display(path) + "' must be a boolean, got " + typeName(value));
  }

  private static String convertString(Object value, ValuePath path) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Character) {
      return value.toString();
    }
    throw new DataException("Field '" + display(path) + "' must be a string, got " + typeName(value));
  }

  private static ByteBuffer convertBytes(Object value, ValuePath path) {
    if (value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      return buffer.duplicate();
    }
    if (value instanceof String s) {
      return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
    throw new DataException("Field '" + display(path) + "' must be bytes, got " + typeName(value));
  }

  private static boolean isNullable(Schema schema) {
    if (schema.getType() == Schema.Type.NULL) {
      return true;
    }
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() == Schema.Type.NULL) {
          return true;
        }
      }
    }
    return false;
  }

  private static String display(ValuePath path) {
    String text = path.toString();
    return text.isEmpty() ? "(value)" : text;
  }

  /**
   * Where a value sits in the record ({@code address.zip}, {@code tags[2]}), for error messages. Its text is
   * built only when an error is thrown: building it for every field of every record cost more than a tenth of
   * the sink's time (JFR profile, benchmarks/results).
   */
  private static final class ValuePath {
    static final ValuePath ROOT = new ValuePath(null, "", false);

    private final ValuePath parent;
    /** A field name ({@link #field} true), or an index, map key or literal suffix such as ".key". */
    private final Object segment;
    private final boolean field;

    private ValuePath(ValuePath parent, Object segment, boolean field) {
      this.parent = parent;
      this.segment = segment;
      this.field = field;
    }

    ValuePath child(String name) {
      return new ValuePath(this, name, true);
    }

    ValuePath index(int i) {
      return new ValuePath(this, new Bracketed(i), false);
    }

    ValuePath key(String key) {
      return new ValuePath(this, new Bracketed(key), false);
    }

    ValuePath suffix(String suffix) {
      return new ValuePath(this, suffix, false);
    }

    @Override
    public String toString() {
      if (parent == null) {
        return "";
      }
      String before = parent.toString();
      if (field) {
        return before.isEmpty() ? (String) segment : before + "." + segment;
      }
      return before + segment;
    }
  }

  /** An index or map key, rendered in brackets only when a message needs it. */
  private record Bracketed(Object inside) {
    @Override
    public String toString() {
      return "[" + inside + "]";
    }
  }

  private static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
