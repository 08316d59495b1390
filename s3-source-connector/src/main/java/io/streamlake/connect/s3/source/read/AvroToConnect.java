package io.streamlake.connect.s3.source.read;

import io.streamlake.connect.s3.format.AvroSchemaMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
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
 * The inverse of the sink's AvroSchemaMapper and AvroValueMapper: an Avro schema becomes a Connect schema and a
 * compiled tree of {@link ValueReader}s that turns Avro data of that schema into Connect data. It is built once per
 * file (per Avro schema), so reading a row does no schema work, no name lookups and no reflection: one virtual call
 * per value.
 *
 * <p>Struct names: files from a sink that records them ({@code connect.wrapped} on the top-level record) carry each
 * struct's Connect name in {@code connect.name} (absent for an unnamed struct); older files give the Avro record's
 * full name.
 */
final class AvroToConnect {

  /** Turns one Avro datum (GenericRecord, Utf8, ByteBuffer, Integer, ...) into its Connect value. */
  interface ValueReader {
    Object read(Object datum);
  }

  /** A Connect schema and the reader of values of it. */
  record Converted(Schema schema, ValueReader reader) {}

  /** Record names the sink gives maps with non-string keys (arrays of key/value records): {@code <context>_entry}. */
  private static final Pattern MAP_ENTRY = Pattern.compile(".*_entry(_[0-9]+)?");
  private static final long DAY_MS = 86_400_000L;

  private final boolean connectNames;
  private final Set<org.apache.avro.Schema> inProgress = new HashSet<>();

  private AvroToConnect(boolean connectNames) {
    this.connectNames = connectNames;
  }

  /** Whether a top-level record was written by a sink that marks wrapped values and records struct names. */
  static boolean marked(org.apache.avro.Schema record) {
    return record.getObjectProp(AvroSchemaMapper.WRAPPED_PROPERTY) != null;
  }

  /** Whether a top-level record wraps a non-struct value in its one field {@code value}. */
  static boolean wrapped(org.apache.avro.Schema record) {
    return Boolean.TRUE.equals(record.getObjectProp(AvroSchemaMapper.WRAPPED_PROPERTY));
  }

  /** A converter for the schemas of one file whose top-level record is {@code top}. */
  static AvroToConnect forFile(org.apache.avro.Schema top) {
    return new AvroToConnect(marked(top));
  }

  /**
   * The value a top-level record stands for: the wrapped field's value when the record is marked as a wrapper, else
   * a Struct (optional when the sink marked it so).
   */
  Converted topLevel(org.apache.avro.Schema record) {
    if (record.getType() != org.apache.avro.Schema.Type.RECORD) {
      throw new DataException("the file's schema is a " + record.getType() + ", not a record");
    }
    if (wrapped(record)) {
      if (record.getFields().size() != 1) {
        throw new DataException("the wrapper record " + record.getFullName() + " has " + record.getFields().size()
            + " fields, expected one");
      }
      Converted inner = field(record.getFields().get(0), "value");
      ValueReader reader = inner.reader();
      return new Converted(inner.schema(), datum -> reader.read(((GenericRecord) datum).get(0)));
    }
    boolean optional = Boolean.TRUE.equals(record.getObjectProp(AvroSchemaMapper.OPTIONAL_PROPERTY));
    return required(record, "", optional, record.getDoc());
  }

  /**
   * The value an Avro side file's datum stands for: the file's top-level schema is the value's own (Confluent's
   * layout: {@code "string"}, {@code ["null", "bytes"]}, a struct's record), with no wrapping record.
   */
  Converted bare(org.apache.avro.Schema top) {
    return top.getType() == org.apache.avro.Schema.Type.RECORD ? topLevel(top) : convert(top, "", top.getDoc());
  }

  /** The Connect schema and reader of one field of a record ({@code path} names it in errors). */
  Converted field(org.apache.avro.Schema.Field field, String path) {
    return convert(field.schema(), path, field.doc());
  }

  private Converted convert(org.apache.avro.Schema avro, String path, String doc) {
    if (avro.getType() != org.apache.avro.Schema.Type.UNION) {
      return required(avro, path, false, doc);
    }
    List<org.apache.avro.Schema> types = avro.getTypes();
    org.apache.avro.Schema only = null;
    for (org.apache.avro.Schema type : types) {
      if (type.getType() != org.apache.avro.Schema.Type.NULL) {
        if (only != null) {
          throw new DataException("column '" + display(path) + "' is the union " + avro
              + "; only [null, T] unions can be read back");
        }
        only = type;
      }
    }
    if (only == null) {
      throw new DataException("column '" + display(path) + "' is always null");
    }
    Converted inner = required(only, path, types.size() > 1, doc);
    if (types.size() == 1) {
      return inner;
    }
    ValueReader reader = inner.reader();
    return new Converted(inner.schema(), datum -> datum == null ? null : reader.read(datum));
  }

  private Converted required(org.apache.avro.Schema avro, String path, boolean optional, String doc) {
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      int scale = decimal.getScale();
      SchemaBuilder builder = Decimal.builder(scale)
          .parameter(AvroSchemaMapper.DECIMAL_PRECISION_PARAMETER, Integer.toString(decimal.getPrecision()));
      return new Converted(finish(builder, optional, doc), datum -> decimal(datum, scale));
    }
    if (logical instanceof LogicalTypes.Date) {
      return new Converted(finish(Date.builder(), optional, doc),
          datum -> new java.util.Date(((Number) datum).longValue() * DAY_MS));
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      return new Converted(finish(Time.builder(), optional, doc),
          datum -> new java.util.Date(((Number) datum).longValue()));
    }
    if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
      return new Converted(finish(Timestamp.builder(), optional, doc),
          datum -> new java.util.Date(((Number) datum).longValue()));
    }
    // time-micros, timestamp-micros, uuid, ...: their base type, exactly (a Connect Time/Timestamp would drop the
    // microseconds). The sink writes none of these from Connect data, only from a configured schemaless.avro.schema.
    return switch (avro.getType()) {
      case RECORD -> struct(avro, path, optional, doc);
      case ARRAY -> array(avro, path, optional, doc);
      case MAP -> {
        Converted values = convert(avro.getValueType(), path + "[]", null);
        ValueReader reader = values.reader();
        yield new Converted(finish(SchemaBuilder.map(Schema.STRING_SCHEMA, values.schema()), optional, doc),
            datum -> {
              Map<?, ?> map = (Map<?, ?>) datum;
              Map<String, Object> out = new HashMap<>(capacity(map.size()));
              for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(entry.getKey().toString(), reader.read(entry.getValue()));
              }
              return out;
            });
      }
      case STRING, ENUM -> new Converted(finish(SchemaBuilder.string(), optional, doc), Object::toString);
      case BYTES -> new Converted(finish(SchemaBuilder.bytes(), optional, doc), AvroToConnect::bytes);
      case FIXED -> new Converted(finish(SchemaBuilder.bytes(), optional, doc),
          datum -> ((GenericFixed) datum).bytes().clone());
      case INT -> integer(avro, optional, doc);
      case LONG -> new Converted(finish(SchemaBuilder.int64(), optional, doc), datum -> datum);
      case FLOAT -> new Converted(finish(SchemaBuilder.float32(), optional, doc), datum -> datum);
      case DOUBLE -> new Converted(finish(SchemaBuilder.float64(), optional, doc), datum -> datum);
      case BOOLEAN -> new Converted(finish(SchemaBuilder.bool(), optional, doc), datum -> datum);
      case NULL -> throw new DataException("column '" + display(path) + "' is always null");
      case UNION -> convert(avro, path, doc); // a union inside a union is not valid Avro
    };
  }

  private static Converted integer(org.apache.avro.Schema avro, boolean optional, String doc) {
    String type = avro.getProp(AvroSchemaMapper.TYPE_PROPERTY);
    if ("int8".equals(type)) {
      return new Converted(finish(SchemaBuilder.int8(), optional, doc), datum -> ((Number) datum).byteValue());
    }
    if ("int16".equals(type)) {
      return new Converted(finish(SchemaBuilder.int16(), optional, doc), datum -> ((Number) datum).shortValue());
    }
    return new Converted(finish(SchemaBuilder.int32(), optional, doc), datum -> datum);
  }

  private Converted struct(org.apache.avro.Schema avro, String path, boolean optional, String doc) {
    if (!inProgress.add(avro)) {
      throw new DataException("column '" + display(path) + "' is the recursive record " + avro.getFullName()
          + ", which Connect cannot hold");
    }
    try {
      SchemaBuilder builder = SchemaBuilder.struct();
      String name = connectNames ? avro.getProp(AvroSchemaMapper.NAME_PROPERTY) : avro.getFullName();
      if (name != null) {
        builder.name(name);
      }
      List<org.apache.avro.Schema.Field> avroFields = avro.getFields();
      ValueReader[] readers = new ValueReader[avroFields.size()];
      for (org.apache.avro.Schema.Field field : avroFields) {
        String renamed = field.getProp(AvroSchemaMapper.NAME_PROPERTY); // a field name Avro could not spell
        String fieldName = renamed != null ? renamed : field.name();
        Converted converted = field(field, path.isEmpty() ? fieldName : path + "." + fieldName);
        builder.field(fieldName, converted.schema());
        readers[field.pos()] = converted.reader();
      }
      Schema schema = finish(builder, optional, doc != null ? doc : avro.getDoc());
      Field[] fields = schema.fields().toArray(new Field[0]);
      return new Converted(schema, datum -> {
        GenericRecord record = (GenericRecord) datum;
        Struct struct = new Struct(schema);
        for (int i = 0; i < fields.length; i++) {
          struct.put(fields[i], readers[i].read(record.get(i)));
        }
        return struct;
      });
    } finally {
      inProgress.remove(avro);
    }
  }

  private Converted array(org.apache.avro.Schema avro, String path, boolean optional, String doc) {
    org.apache.avro.Schema element = avro.getElementType();
    if (isMapEntry(element)) {
      // The sink writes a map with non-string keys as an array of {key, value} records (AvroSchemaMapper.mapOf).
      Converted keys = field(element.getField("key"), path + ".key");
      Converted values = field(element.getField("value"), path + ".value");
      ValueReader keyReader = keys.reader();
      ValueReader valueReader = values.reader();
      int keyPos = element.getField("key").pos();
      int valuePos = element.getField("value").pos();
      return new Converted(finish(SchemaBuilder.map(keys.schema(), values.schema()), optional, doc), datum -> {
        List<?> entries = (List<?>) datum;
        Map<Object, Object> out = new HashMap<>(capacity(entries.size()));
        for (Object item : entries) {
          GenericRecord entry = (GenericRecord) item;
          out.put(keyReader.read(entry.get(keyPos)), valueReader.read(entry.get(valuePos)));
        }
        return out;
      });
    }
    Converted items = convert(element, path + "[]", null);
    ValueReader reader = items.reader();
    return new Converted(finish(SchemaBuilder.array(items.schema()), optional, doc), datum -> {
      List<?> list = (List<?>) datum;
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(reader.read(item));
      }
      return out;
    });
  }

  /** An unnamed record called {@code <context>_entry} with exactly the fields key and value. */
  private boolean isMapEntry(org.apache.avro.Schema element) {
    return element.getType() == org.apache.avro.Schema.Type.RECORD && element.getNamespace() == null
        && element.getFields().size() == 2 && element.getField("key") != null && element.getField("value") != null
        && element.getProp(AvroSchemaMapper.NAME_PROPERTY) == null && MAP_ENTRY.matcher(element.getName()).matches();
  }

  private static Schema finish(SchemaBuilder builder, boolean optional, String doc) {
    if (optional) {
      builder.optional();
    }
    if (doc != null) {
      builder.doc(doc);
    }
    return builder.build();
  }

  static byte[] bytes(Object datum) {
    if (datum instanceof ByteBuffer buffer) {
      byte[] out = new byte[buffer.remaining()];
      buffer.duplicate().get(out);
      return out;
    }
    if (datum instanceof GenericFixed fixed) {
      return fixed.bytes().clone();
    }
    return (byte[]) datum;
  }

  private static BigDecimal decimal(Object datum, int scale) {
    if (datum instanceof BigDecimal decimal) {
      return decimal;
    }
    return new BigDecimal(new BigInteger(bytes(datum)), scale);
  }

  private static int capacity(int size) {
    return (int) (size / 0.75f) + 1;
  }

  private static String display(String path) {
    return path.isEmpty() ? "(value)" : path;
  }
}
