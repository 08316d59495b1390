package io.streamlake.connect.s3.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Maps a Connect schema to the Avro schema that Avro and Parquet files are written with.
 *
 * <p>Connect logical types become Avro logical types, which parquet-avro turns into Parquet logical
 * types: Decimal to {@code decimal(p, s)} on bytes (p from {@code connect.decimal.precision}, else the
 * configured default), Date to {@code date}, Time to {@code time-millis}, Timestamp to
 * {@code timestamp-millis}. Optional schemas become {@code [null, T]} unions defaulting to null. A value
 * that is not a struct is wrapped in a record with one field, {@code value}. Results are cached (bounded).
 */
public final class AvroSchemaMapper {

  /** Parameter Debezium and Confluent use to carry a decimal's precision. */
  public static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";
  static final String WRAPPED_FIELD = "value";
  /**
   * Properties on the Avro schemas for what Avro cannot say, read back by the source connector: on the top-level
   * record whether it wraps a non-struct value ({@code true}) or is the value's struct ({@code false}) and, for a
   * struct, whether its schema is optional; on each record made from a struct the struct's Connect name (absent
   * when it has none); on an INT8/INT16 column its Connect type. Readers of the files (Parquet, Athena) ignore them.
   */
  public static final String WRAPPED_PROPERTY = "connect.wrapped";
  public static final String OPTIONAL_PROPERTY = "connect.optional";
  public static final String NAME_PROPERTY = "connect.name";
  public static final String TYPE_PROPERTY = "connect.type";
  private static final int CACHE_SIZE = 256;

  private final int defaultDecimalPrecision;
  private final Map<Schema, org.apache.avro.Schema> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Schema, org.apache.avro.Schema> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  public AvroSchemaMapper(int defaultDecimalPrecision) {
    this.defaultDecimalPrecision = defaultDecimalPrecision;
  }

  /** The Avro record schema of a file holding values of this Connect schema. */
  public synchronized org.apache.avro.Schema toAvro(Schema valueSchema) {
    return cache.computeIfAbsent(valueSchema, this::map);
  }

  /**
   * The Avro schema of a value of this Connect schema as it is, with no record around a value that is not a
   * struct (optional schemas become {@code [null, T]}).
   */
  public org.apache.avro.Schema toAvroBare(Schema schema) {
    if (schema.type() == Schema.Type.STRUCT) {
      return toAvro(schema);
    }
    return of(schema, "ConnectValue", new Naming());
  }

  private org.apache.avro.Schema map(Schema schema) {
    Naming naming = new Naming();
    if (schema.type() == Schema.Type.STRUCT) {
      org.apache.avro.Schema record = recordOf(schema, "ConnectValue", naming);
      record.addProp(WRAPPED_PROPERTY, false);
      if (schema.isOptional()) {
        record.addProp(OPTIONAL_PROPERTY, true);
      }
      return record;
    }
    org.apache.avro.Schema inner = of(schema, "value", naming);
    org.apache.avro.Schema.Field field = new org.apache.avro.Schema.Field(WRAPPED_FIELD, inner, null,
        schema.isOptional() ? JsonProperties.NULL_VALUE : null);
    org.apache.avro.Schema wrapper = org.apache.avro.Schema.createRecord("ConnectValue", null, "io.streamlake", false,
        List.of(field));
    wrapper.addProp(WRAPPED_PROPERTY, true);
    return wrapper;
  }

  private org.apache.avro.Schema of(Schema schema, String context, Naming naming) {
    org.apache.avro.Schema base = required(schema, context, naming);
    if (schema.isOptional()) {
      return org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), base);
    }
    return base;
  }

  private org.apache.avro.Schema required(Schema schema, String context, Naming naming) {
    String name = schema.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      String precisionText = schema.parameters() == null ? null : schema.parameters().get(DECIMAL_PRECISION_PARAMETER);
      int precision = precisionText == null ? defaultDecimalPrecision : Integer.parseInt(precisionText);
      precision = Math.max(precision, Math.max(scale, 1));
      return LogicalTypes.decimal(precision, scale).addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
    }
    if (Date.LOGICAL_NAME.equals(name)) {
      return LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return LogicalTypes.timeMillis().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
    }
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return LogicalTypes.timestampMillis().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
    }
    return switch (schema.type()) {
      case INT8, INT16 -> narrowInt(schema.type());
      case INT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
      case INT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
      case FLOAT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
      case FLOAT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
      case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
      case STRING -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
      case BYTES -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
      case ARRAY -> org.apache.avro.Schema.createArray(of(schema.valueSchema(), context + "_item", naming));
      case MAP -> mapOf(schema, context, naming);
      case STRUCT -> recordOf(schema, context, naming);
    };
  }

  private static org.apache.avro.Schema narrowInt(Schema.Type type) {
    org.apache.avro.Schema avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
    avro.addProp(TYPE_PROPERTY, type == Schema.Type.INT8 ? "int8" : "int16");
    return avro;
  }

  private org.apache.avro.Schema mapOf(Schema schema, String context, Naming naming) {
    if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
      return org.apache.avro.Schema.createMap(of(schema.valueSchema(), context + "_value", naming));
    }
    // Avro maps need string keys: other keys become an array of key/value records.
    List<org.apache.avro.Schema.Field> fields = List.of(
        new org.apache.avro.Schema.Field("key", of(schema.keySchema(), context + "_key", naming)),
        new org.apache.avro.Schema.Field("value", of(schema.valueSchema(), context + "_value", naming)));
    org.apache.avro.Schema entry = org.apache.avro.Schema.createRecord(naming.unique(context + "_entry"), null,
        null, false, fields);
    return org.apache.avro.Schema.createArray(entry);
  }

  private org.apache.avro.Schema recordOf(Schema schema, String context, Naming naming) {
    String fullName = naming.unique(schema.name() == null ? context : schema.name());
    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    for (Field field : schema.fields()) {
      String fieldName = AvroNames.sanitize(field.name());
      org.apache.avro.Schema fieldSchema = of(field.schema(), context + "_" + fieldName, naming);
      Object defaultValue = field.schema().isOptional() ? JsonProperties.NULL_VALUE : null;
      org.apache.avro.Schema.Field avroField = new org.apache.avro.Schema.Field(fieldName, fieldSchema,
          field.schema().doc(), defaultValue);
      if (!fieldName.equals(field.name())) {
        avroField.addProp("connect.name", field.name());
      }
      fields.add(avroField);
    }
    int dot = fullName.lastIndexOf('.');
    String namespace = dot < 0 ? null : fullName.substring(0, dot);
    String simple = dot < 0 ? fullName : fullName.substring(dot + 1);
    org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(simple, schema.doc(), namespace, false, fields);
    if (schema.name() != null) {
      record.addProp(NAME_PROPERTY, schema.name());
    }
    return record;
  }

  /** Keeps record names unique within one schema tree, as Avro requires. */
  private static final class Naming {
    private final Map<String, Integer> used = new HashMap<>();

    String unique(String raw) {
      String name = AvroNames.sanitizeFullName(raw);
      int count = used.merge(name, 1, Integer::sum);
      return count == 1 ? name : name + "_" + count;
    }
  }
}
