package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Writes Connect data as JSON straight to a generator, token for token what JsonConverter's tree would write:
 * the same number forms, base64 for bytes, decimals by {@code decimal.format}, maps with string keys as objects
 * and other maps as arrays of pairs, and the same errors for values that do not fit their schema.
 */
final class ValueWriter {

  private final JsonFactory factory;
  private final DecimalFormat decimalFormat;
  private final boolean replaceNullWithDefault;

  ValueWriter(JsonFactory factory, DecimalFormat decimalFormat, boolean replaceNullWithDefault) {
    this.factory = factory;
    this.decimalFormat = decimalFormat;
    this.replaceNullWithDefault = replaceNullWithDefault;
  }

  void write(JsonGenerator g, Schema schema, Object value) throws IOException {
    if (value == null) {
      if (schema == null) {
        g.writeNull();
        return;
      }
      if (schema.defaultValue() != null && replaceNullWithDefault) {
        write(g, schema, schema.defaultValue());
        return;
      }
      if (schema.isOptional()) {
        g.writeNull();
        return;
      }
      throw new DataException("Conversion error: null value for field that is required and has no default value");
    }
    if (schema != null && schema.name() != null && writeLogical(g, schema, value)) {
      return;
    }
    try {
      Schema.Type type;
      if (schema == null) {
        type = ConnectSchema.schemaType(value.getClass());
        if (type == null) {
          throw new DataException("Java class " + value.getClass() + " does not have corresponding schema type.");
        }
      } else {
        type = schema.type();
      }
      switch (type) {
        case INT8 -> g.writeNumber((int) (Byte) value);
        case INT16 -> g.writeNumber((short) (Short) value);
        case INT32 -> g.writeNumber((int) (Integer) value);
        case INT64 -> g.writeNumber((long) (Long) value);
        case FLOAT32 -> g.writeNumber((float) (Float) value);
        case FLOAT64 -> g.writeNumber((double) (Double) value);
        case BOOLEAN -> g.writeBoolean((Boolean) value);
        case STRING -> g.writeString(((CharSequence) value).toString());
        case BYTES -> {
          if (value instanceof byte[] bytes) {
            g.writeBinary(bytes);
          } else if (value instanceof ByteBuffer buffer) {
            g.writeBinary(buffer.array());
          } else {
            throw new DataException("Invalid type for bytes type: " + value.getClass());
          }
        }
        case ARRAY -> {
          Collection<?> collection = (Collection<?>) value;
          Schema elementSchema = schema == null ? null : schema.valueSchema();
          g.writeStartArray();
          for (Object element : collection) {
            write(g, elementSchema, element);
          }
          g.writeEndArray();
        }
        case MAP -> writeMap(g, schema, (Map<?, ?>) value);
        case STRUCT -> {
          Struct struct = (Struct) value;
          if (!struct.schema().equals(schema)) {
            throw new DataException("Mismatching schema.");
          }
          g.writeStartObject();
          for (Field field : schema.fields()) {
            g.writeFieldName(field.name());
            write(g, field.schema(), struct.getWithoutDefault(field.name()));
          }
          g.writeEndObject();
        }
        default -> throw new DataException("Couldn't convert " + value + " to JSON.");
      }
    } catch (ClassCastException e) {
      String schemaType = schema != null ? schema.type().toString() : "unknown schema";
      throw new DataException("Invalid type for " + schemaType + ": " + value.getClass());
    }
  }

  private boolean writeLogical(JsonGenerator g, Schema schema, Object value) throws IOException {
    switch (schema.name()) {
      case Decimal.LOGICAL_NAME -> {
        if (!(value instanceof BigDecimal decimal)) {
          throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.getClass());
        }
        if (decimalFormat == DecimalFormat.NUMERIC) {
          g.writeNumber(decimal);
        } else {
          g.writeBinary(Decimal.fromLogical(schema, decimal));
        }
        return true;
      }
      case Date.LOGICAL_NAME -> {
        g.writeNumber(Date.fromLogical(schema, date(value, "Date")));
        return true;
      }
      case Time.LOGICAL_NAME -> {
        g.writeNumber(Time.fromLogical(schema, date(value, "Time")));
        return true;
      }
      case Timestamp.LOGICAL_NAME -> {
        g.writeNumber(Timestamp.fromLogical(schema, date(value, "Timestamp")));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static java.util.Date date(Object value, String logical) {
    if (!(value instanceof java.util.Date date)) {
      throw new DataException("Invalid type for " + logical + ", expected Date but was " + value.getClass());
    }
    return date;
  }

  private void writeMap(JsonGenerator g, Schema schema, Map<?, ?> map) throws IOException {
    Schema keySchema = schema == null ? null : schema.keySchema();
    Schema valueSchema = schema == null ? null : schema.valueSchema();
    boolean objectMode;
    if (schema == null) {
      objectMode = true;
      for (Object key : map.keySet()) {
        if (!(key instanceof String)) {
          objectMode = false;
          break;
        }
      }
    } else {
      objectMode = keySchema.type() == Schema.Type.STRING;
    }
    if (!objectMode) {
      g.writeStartArray();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        g.writeStartArray();
        write(g, keySchema, entry.getKey());
        write(g, valueSchema, entry.getValue());
        g.writeEndArray();
      }
      g.writeEndArray();
      return;
    }
    if (plainStringKeys(keySchema, map)) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        g.writeFieldName((String) entry.getKey());
        write(g, valueSchema, entry.getValue());
      }
      g.writeEndObject();
      return;
    }
    // Keys that are not plain strings become the text of their JSON form, and two keys with one text keep the
    // first one's place and the last one's value, as in JsonConverter's object node.
    Map<String, String> members = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = keyText(keySchema, entry.getKey());
      members.put(key, json(valueSchema, entry.getValue()));
    }
    g.writeStartObject();
    for (Map.Entry<String, String> member : members.entrySet()) {
      g.writeFieldName(member.getKey());
      g.writeRawValue(new SerializedString(member.getValue()));
    }
    g.writeEndObject();
  }

  private static boolean plainStringKeys(Schema keySchema, Map<?, ?> map) {
    if (keySchema != null && keySchema.name() != null) {
      return false;
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /** The JSON text of one value, as this writer writes it. */
  String json(Schema schema, Object value) throws IOException {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator g = factory.createGenerator(out)) {
      write(g, schema, value);
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Jackson's {@code asText()} of a key's JSON form: a string's text, a number's digits, "null" for null. */
  private String keyText(Schema keySchema, Object key) throws IOException {
    byte[] json = json(keySchema, key).getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = factory.createParser(json)) {
      JsonToken t = p.nextToken();
      return t.isScalarValue() ? p.getText() : "";
    }
  }
}
