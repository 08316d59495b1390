package io.streamlake.connect.gsr;

import io.streamlake.common.LruCache;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro schemas and generic Avro values to Connect schemas and values, with the logical types the S3 sink maps back
 * to Parquet logical types:
 *
 * <ul>
 *   <li>{@code decimal} on bytes or fixed: Connect {@link Decimal} with the scale, and the precision as the
 *       {@value #DECIMAL_PRECISION} parameter (Parquet {@code DECIMAL(p, s)} in the sink);
 *   <li>{@code date}: {@link Date}; {@code time-millis}: {@link Time}; {@code timestamp-millis}: {@link Timestamp};
 *   <li>{@code time-micros}, {@code timestamp-micros}: {@link Time} / {@link Timestamp}, whose unit is the
 *       millisecond: the sub-millisecond digits are dropped (rounded down). {@code local-timestamp-millis/micros}
 *       become {@link Timestamp} too, the wall-clock value read as if it were UTC;
 *   <li>records: structs named after the record's full name; unions of null and one type: that type, optional;
 *       field defaults: Connect defaults;
 *   <li>enums: strings, with the enum's full name and symbols as parameters ({@value #ENUM} and
 *       {@value #ENUM}{@code .<symbol>}, the parameters AWS's converter sets), so writing gives the enum back;
 *   <li>arrays, maps (string keys); arrays of {@code MapEntry} records with {@code key} and {@code value}: maps;
 *   <li>{@code int} carrying {@code "connect.type": "int8"/"int16"}: Connect INT8/INT16.
 * </ul>
 *
 * Unions of more than one non-null type and recursive records have no Connect form: a {@link DataException} names
 * them. Not thread-safe beyond its cache, which is synchronized.
 */
final class AvroToConnect {

  static final String DECIMAL_PRECISION = "connect.decimal.precision";
  static final String ENUM = "io.confluent.connect.avro.Enum";
  static final String CONNECT_TYPE = "connect.type";
  static final String MAP_ENTRY = "MapEntry";

  private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

  private final LruCache<org.apache.avro.Schema, Schema> schemas;

  AvroToConnect(int cacheSize) {
    this.schemas = new LruCache<>(cacheSize);
  }

  /** The Connect schema of values written with {@code avro}. */
  Schema toConnectSchema(org.apache.avro.Schema avro) {
    Schema cached = schemas.get(avro);
    if (cached == null) {
      cached = convert(avro, false, null, null, new HashSet<>());
      schemas.put(avro, cached);
    }
    return cached;
  }

  private Schema convert(org.apache.avro.Schema avro, boolean optional, Object avroDefault, String doc,
      Set<String> path) {
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      org.apache.avro.Schema single = nonNullBranch(avro);
      boolean nullable = avro.getTypes().size() > 1;
      return convert(single, optional || nullable, avroDefault, doc, path);
    }
    SchemaBuilder builder = builder(avro, path);
    if (optional) {
      builder.optional();
    }
    if (doc != null) {
      builder.doc(doc);
    }
    if (avroDefault != null) {
      Schema withoutDefault = builder.build();
      builder.defaultValue(toConnectValue(avro, withoutDefault, avroDefault));
    }
    return builder.build();
  }

  private SchemaBuilder builder(org.apache.avro.Schema avro, Set<String> path) {
    LogicalType logical = avro.getLogicalType();
    switch (avro.getType()) {
      case BOOLEAN:
        return SchemaBuilder.bool();
      case INT:
        if (logical instanceof LogicalTypes.Date) {
          return Date.builder();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
          return Time.builder();
        }
        String connectType = avro.getProp(CONNECT_TYPE);
        if ("int8".equals(connectType)) {
          return SchemaBuilder.int8();
        }
        if ("int16".equals(connectType)) {
          return SchemaBuilder.int16();
        }
        return SchemaBuilder.int32();
      case LONG:
        if (logical instanceof LogicalTypes.TimeMicros) {
          return Time.builder();
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
            || logical instanceof LogicalTypes.LocalTimestampMillis
            || logical instanceof LogicalTypes.LocalTimestampMicros) {
          return Timestamp.builder();
        }
        return SchemaBuilder.int64();
      case FLOAT:
        return SchemaBuilder.float32();
      case DOUBLE:
        return SchemaBuilder.float64();
      case STRING:
        return SchemaBuilder.string();
      case BYTES:
      case FIXED:
        if (logical instanceof LogicalTypes.Decimal decimal) {
          return Decimal.builder(decimal.getScale()).parameter(DECIMAL_PRECISION,
              Integer.toString(decimal.getPrecision()));
        }
        return SchemaBuilder.bytes();
      case ENUM: {
        SchemaBuilder builder = SchemaBuilder.string().parameter(ENUM, avro.getFullName());
        for (String symbol : avro.getEnumSymbols()) {
          builder.parameter(ENUM + "." + symbol, symbol);
        }
        return builder;
      }
      case ARRAY: {
        org.apache.avro.Schema element = avro.getElementType();
        if (isMapEntry(element)) {
          org.apache.avro.Schema.Field key = element.getField("key");
          org.apache.avro.Schema.Field value = element.getField("value");
          return SchemaBuilder.map(convert(key.schema(), false, null, null, path),
              convert(value.schema(), false, null, null, path));
        }
        return SchemaBuilder.array(convert(element, false, null, null, path));
      }
      case MAP:
        return SchemaBuilder.map(Schema.STRING_SCHEMA, convert(avro.getValueType(), false, null, null, path));
      case RECORD: {
        String name = avro.getFullName();
        if (!path.add(name)) {
          throw new DataException("Avro record " + name + " is recursive, which Connect schemas cannot express");
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(name);
        if (avro.getDoc() != null) {
          builder.doc(avro.getDoc());
        }
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
          Object fieldDefault = field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null;
          try {
            builder.field(field.name(), convert(field.schema(), false, fieldDefault, field.doc(), path));
          } catch (DataException e) {
            throw new DataException("Avro field " + name + "." + field.name() + ": " + e.getMessage(), e);
          }
        }
        path.remove(name);
        return builder;
      }
      case NULL:
        throw new DataException("An Avro null schema outside a union has no Connect form");
      default:
        throw new DataException("Avro type " + avro.getType() + " has no Connect form");
    }
  }

  private static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema union) {
    List<org.apache.avro.Schema> nonNull = new ArrayList<>();
    for (org.apache.avro.Schema branch : union.getTypes()) {
      if (branch.getType() != org.apache.avro.Schema.Type.NULL) {
        nonNull.add(branch);
      }
    }
    if (nonNull.size() != 1) {
      throw new DataException("Avro union " + union + " is not null plus one type; only such unions (optional"
          + " values) have a Connect form here");
    }
    return nonNull.get(0);
  }

  static boolean isMapEntry(org.apache.avro.Schema element) {
    return element.getType() == org.apache.avro.Schema.Type.RECORD && element.getName().equals(MAP_ENTRY)
        && element.getFields().size() == 2 && element.getField("key") != null && element.getField("value") != null;
  }

  /** A generic Avro value (as GenericDatumReader builds it, without conversions) as a Connect value. */
  Object toConnectValue(org.apache.avro.Schema avro, Schema connect, Object value) {
    if (value == null) {
      return null;
    }
    switch (avro.getType()) {
      case UNION:
        return toConnectValue(avro.getTypes().get(GenericData.get().resolveUnion(avro, value)), connect, value);
      case RECORD: {
        IndexedRecord record = (IndexedRecord) value;
        Struct struct = new Struct(connect);
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
          Field target = connect.field(field.name());
          struct.put(target, toConnectValue(field.schema(), target.schema(), record.get(field.pos())));
        }
        return struct;
      }
      case ARRAY: {
        Collection<?> items = (Collection<?>) value;
        org.apache.avro.Schema element = avro.getElementType();
        if (connect.type() == Schema.Type.MAP) {
          Map<Object, Object> map = new LinkedHashMap<>();
          for (Object item : items) {
            IndexedRecord entry = (IndexedRecord) item;
            org.apache.avro.Schema.Field key = element.getField("key");
            org.apache.avro.Schema.Field val = element.getField("value");
            map.put(toConnectValue(key.schema(), connect.keySchema(), entry.get(key.pos())),
                toConnectValue(val.schema(), connect.valueSchema(), entry.get(val.pos())));
          }
          return map;
        }
        List<Object> list = new ArrayList<>(items.size());
        for (Object item : items) {
          list.add(toConnectValue(element, connect.valueSchema(), item));
        }
        return list;
      }
      case MAP: {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          map.put(entry.getKey().toString(), toConnectValue(avro.getValueType(), connect.valueSchema(),
              entry.getValue()));
        }
        return map;
      }
      case STRING:
      case ENUM:
        return value.toString();
      case BYTES:
      case FIXED: {
        byte[] bytes = bytes(value);
        if (avro.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
          return new BigDecimal(new BigInteger(bytes), decimal.getScale());
        }
        return bytes;
      }
      case INT: {
        int number = ((Number) value).intValue();
        LogicalType logical = avro.getLogicalType();
        if (logical instanceof LogicalTypes.Date) {
          return new java.util.Date(number * MILLIS_PER_DAY);
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
          return new java.util.Date(number);
        }
        return switch (connect.type()) {
          case INT8 -> (byte) number;
          case INT16 -> (short) number;
          default -> number;
        };
      }
      case LONG: {
        long number = ((Number) value).longValue();
        LogicalType logical = avro.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
          return new java.util.Date(number);
        }
        if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros
            || logical instanceof LogicalTypes.TimeMicros) {
          return new java.util.Date(Math.floorDiv(number, 1000L));
        }
        return number;
      }
      case FLOAT:
      case DOUBLE:
      case BOOLEAN:
        return value;
      default:
        throw new DataException("Avro type " + avro.getType() + " has no Connect form");
    }
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    if (value instanceof GenericFixed fixed) {
      return fixed.bytes().clone();
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    throw new DataException("Expected Avro bytes or fixed, got " + value.getClass().getName());
  }
}
