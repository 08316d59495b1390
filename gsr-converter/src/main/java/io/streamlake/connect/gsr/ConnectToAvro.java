package io.streamlake.connect.gsr;

import io.streamlake.common.LruCache;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas and values to Avro schemas and generic Avro values, the inverse of {@link AvroToConnect}: a
 * schema read from the registry and converted to Connect converts back to an equal Avro schema for the types that
 * {@link AvroToConnect} maps one to one (micros and local timestamps come back as millis, fixed decimals as bytes
 * decimals). Decimal precision comes from {@value AvroToConnect#DECIMAL_PRECISION}, else
 * {@value #DEFAULT_DECIMAL_PRECISION} (AWS's converter's default). Structs without a name become records named
 * {@code io.confluent.connect.avro.ConnectDefault}, as AWS's converter names them.
 */
final class ConnectToAvro {

  static final int DEFAULT_DECIMAL_PRECISION = 64;
  private static final String DEFAULT_RECORD = "io.confluent.connect.avro.ConnectDefault";
  private static final String MAP_ENTRY_NAMESPACE = "io.confluent.connect.avro";

  private final LruCache<Schema, org.apache.avro.Schema> schemas;

  ConnectToAvro(int cacheSize) {
    this.schemas = new LruCache<>(cacheSize);
  }

  /** The Avro schema values of {@code connect} are written with (a top-level optional schema as its type). */
  org.apache.avro.Schema toAvroSchema(Schema connect) {
    org.apache.avro.Schema cached = schemas.get(connect);
    if (cached == null) {
      try {
        cached = required(connect, new Names());
      } catch (AvroRuntimeException e) {
        throw new DataException("Connect schema " + describe(connect) + " has no Avro form: " + e.getMessage(), e);
      }
      schemas.put(connect, cached);
    }
    return cached;
  }

  private org.apache.avro.Schema of(Schema connect, Names names) {
    org.apache.avro.Schema base = required(connect, names);
    if (!connect.isOptional()) {
      return base;
    }
    org.apache.avro.Schema nullSchema = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);
    return connect.defaultValue() == null ? org.apache.avro.Schema.createUnion(nullSchema, base)
        : org.apache.avro.Schema.createUnion(base, nullSchema);
  }

  private org.apache.avro.Schema required(Schema connect, Names names) {
    String name = connect.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      int scale = Integer.parseInt(connect.parameters().get(Decimal.SCALE_FIELD));
      String precisionText = connect.parameters().get(AvroToConnect.DECIMAL_PRECISION);
      int precision = precisionText == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precisionText);
      return LogicalTypes.decimal(Math.max(precision, Math.max(scale, 1)), scale)
          .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
    }
    if (Date.LOGICAL_NAME.equals(name)) {
      return LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return LogicalTypes.timeMillis().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
    }
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return LogicalTypes.timestampMillis()
          .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
    }
    switch (connect.type()) {
      case INT8:
      case INT16: {
        org.apache.avro.Schema schema = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
        schema.addProp(AvroToConnect.CONNECT_TYPE, connect.type() == Schema.Type.INT8 ? "int8" : "int16");
        return schema;
      }
      case INT32:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
      case INT64:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
      case FLOAT32:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
      case FLOAT64:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
      case BOOLEAN:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
      case BYTES:
        return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
      case STRING:
        return connect.parameters() != null && connect.parameters().containsKey(AvroToConnect.ENUM)
            ? enumOf(connect, names) : org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
      case ARRAY:
        return org.apache.avro.Schema.createArray(of(connect.valueSchema(), names));
      case MAP:
        if (connect.keySchema().type() == Schema.Type.STRING && !connect.keySchema().isOptional()) {
          return org.apache.avro.Schema.createMap(of(connect.valueSchema(), names));
        }
        return org.apache.avro.Schema.createArray(names.define(MAP_ENTRY_NAMESPACE + "." + AvroToConnect.MAP_ENTRY,
            connect, fullName -> record(fullName, null, List.of(
                new org.apache.avro.Schema.Field("key", of(connect.keySchema(), names)),
                new org.apache.avro.Schema.Field("value", of(connect.valueSchema(), names))))));
      case STRUCT:
        return names.define(name == null ? DEFAULT_RECORD : name, connect, fullName -> {
          List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
          for (Field field : connect.fields()) {
            fields.add(new org.apache.avro.Schema.Field(field.name(), of(field.schema(), names),
                field.schema().doc(), fieldDefault(field.schema())));
          }
          return record(fullName, connect.doc(), fields);
        });
      default:
        throw new DataException("Connect type " + connect.type() + " has no Avro form");
    }
  }

  private static org.apache.avro.Schema enumOf(Schema connect, Names names) {
    String prefix = AvroToConnect.ENUM + ".";
    List<String> symbols = new ArrayList<>();
    for (Map.Entry<String, String> parameter : connect.parameters().entrySet()) {
      if (parameter.getKey().startsWith(prefix)) {
        symbols.add(parameter.getValue());
      }
    }
    return names.define(connect.parameters().get(AvroToConnect.ENUM), connect, fullName -> {
      int dot = fullName.lastIndexOf('.');
      return org.apache.avro.Schema.createEnum(dot < 0 ? fullName : fullName.substring(dot + 1), connect.doc(),
          dot < 0 ? null : fullName.substring(0, dot), symbols);
    });
  }

  private static org.apache.avro.Schema record(String fullName, String doc, List<org.apache.avro.Schema.Field> fields) {
    int dot = fullName.lastIndexOf('.');
    return org.apache.avro.Schema.createRecord(dot < 0 ? fullName : fullName.substring(dot + 1), doc,
        dot < 0 ? null : fullName.substring(0, dot), false, fields);
  }

  /** An Avro field default from the Connect default: null for optional fields, primitives as they are. */
  private static Object fieldDefault(Schema schema) {
    Object value = schema.defaultValue();
    if (value == null) {
      return schema.isOptional() ? JsonProperties.NULL_VALUE : null;
    }
    String name = schema.name();
    if (name != null && (name.equals(Decimal.LOGICAL_NAME) || name.equals(Date.LOGICAL_NAME)
        || name.equals(Time.LOGICAL_NAME) || name.equals(Timestamp.LOGICAL_NAME))) {
      return null; // logical defaults are kept out of the registered schema (their JSON forms are encoded values)
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING ->
          value instanceof Byte || value instanceof Short ? ((Number) value).intValue() : value;
      case ARRAY -> ((java.util.List<?>) value).stream().allMatch(ConnectToAvro::isJsonScalar) ? value : null;
      case MAP -> schema.keySchema().type() == Schema.Type.STRING
          && ((Map<?, ?>) value).values().stream().allMatch(ConnectToAvro::isJsonScalar) ? value : null;
      default -> null; // struct and bytes defaults are not carried into the registered schema
    };
  }

  private static boolean isJsonScalar(Object value) {
    return value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double
        || value instanceof Float || value instanceof Boolean;
  }

  /** A Connect value (valid for {@code connect}) as a generic Avro value of {@code avro}. */
  Object toAvroValue(Schema connect, org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      return null;
    }
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      for (org.apache.avro.Schema branch : avro.getTypes()) {
        if (branch.getType() != org.apache.avro.Schema.Type.NULL) {
          return toAvroValue(connect, branch, value);
        }
      }
    }
    String name = connect.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      return ByteBuffer.wrap(Decimal.fromLogical(connect, (BigDecimal) value));
    }
    if (Date.LOGICAL_NAME.equals(name)) {
      return Date.fromLogical(connect, (java.util.Date) value);
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return Time.fromLogical(connect, (java.util.Date) value);
    }
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return Timestamp.fromLogical(connect, (java.util.Date) value);
    }
    switch (connect.type()) {
      case INT8:
      case INT16:
        return ((Number) value).intValue();
      case BYTES:
        return value instanceof ByteBuffer buffer ? buffer : ByteBuffer.wrap((byte[]) value);
      case STRING:
        return avro.getType() == org.apache.avro.Schema.Type.ENUM
            ? new GenericData.EnumSymbol(avro, value.toString()) : value;
      case ARRAY: {
        Collection<?> items = (Collection<?>) value;
        List<Object> list = new ArrayList<>(items.size());
        for (Object item : items) {
          list.add(toAvroValue(connect.valueSchema(), avro.getElementType(), item));
        }
        return new GenericData.Array<>(avro, list);
      }
      case MAP: {
        Map<?, ?> map = (Map<?, ?>) value;
        if (avro.getType() == org.apache.avro.Schema.Type.MAP) {
          Map<String, Object> out = new LinkedHashMap<>();
          map.forEach((k, v) -> out.put((String) k, toAvroValue(connect.valueSchema(), avro.getValueType(), v)));
          return out;
        }
        org.apache.avro.Schema entry = avro.getElementType();
        List<Object> entries = new ArrayList<>(map.size());
        map.forEach((k, v) -> {
          GenericData.Record record = new GenericData.Record(entry);
          record.put("key", toAvroValue(connect.keySchema(), entry.getField("key").schema(), k));
          record.put("value", toAvroValue(connect.valueSchema(), entry.getField("value").schema(), v));
          entries.add(record);
        });
        return new GenericData.Array<>(avro, entries);
      }
      case STRUCT: {
        Struct struct = (Struct) value;
        GenericData.Record record = new GenericData.Record(avro);
        for (Field field : connect.fields()) {
          org.apache.avro.Schema.Field target = avro.getField(field.name());
          record.put(target.pos(), toAvroValue(field.schema(), target.schema(), struct.get(field)));
        }
        return record;
      }
      default:
        return value;
    }
  }

  /** Checks a value against its Connect schema, as a DataException naming the problem. */
  static void validate(Schema connect, Object value) {
    ConnectSchema.validateValue(connect, value);
  }

  private static String describe(Schema schema) {
    return schema.name() != null ? schema.name() : schema.type().toString();
  }

  /** Named Avro types of one schema tree: an equal Connect schema reuses its type, another gets a new name. */
  private static final class Names {
    private final Map<String, Schema> byName = new HashMap<>();
    private final Map<String, org.apache.avro.Schema> defined = new HashMap<>();

    org.apache.avro.Schema define(String fullName, Schema connect,
        java.util.function.Function<String, org.apache.avro.Schema> build) {
      String candidate = fullName;
      for (int i = 2; byName.containsKey(candidate); i++) {
        if (byName.get(candidate).equals(connect)) {
          return defined.get(candidate);
        }
        candidate = fullName + "_" + i;
      }
      byName.put(candidate, connect);
      org.apache.avro.Schema built = build.apply(candidate);
      defined.put(candidate, built);
      return built;
    }
  }
}
