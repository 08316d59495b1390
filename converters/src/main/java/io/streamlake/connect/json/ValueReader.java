package io.streamlake.connect.json;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns the JSON value at a parser's current token into Connect data for a schema (or without one), straight
 * from the token stream: no tree. The rules are JsonConverter's, including its lenient ones (a number where a
 * string is expected reads as null, a string where a number is expected as 0, an object where an array is
 * expected as the list of its values). Leaves the parser on the value's last token.
 */
final class ValueReader {

  private final boolean replaceNullWithDefault;

  ValueReader(boolean replaceNullWithDefault) {
    this.replaceNullWithDefault = replaceNullWithDefault;
  }

  /**
   * @param depth the number of containers around the value (0 for a message's root)
   */
  Object read(JsonParser p, Schema schema, int depth) throws IOException {
    if (schema == null) {
      return readSchemaless(p, depth);
    }
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return nullValue(schema);
    }
    if (JsonNumbers.isNumber(t)) {
      StreamLimits.checkNumber(p);
    }
    String name = schema.name();
    if (name != null) {
      switch (name) {
        case Decimal.LOGICAL_NAME -> {
          return readDecimal(p, schema, depth);
        }
        case Date.LOGICAL_NAME -> {
          return Date.toLogical(schema, requireInt(p, "Date", depth));
        }
        case Time.LOGICAL_NAME -> {
          return Time.toLogical(schema, requireInt(p, "Time", depth));
        }
        case Timestamp.LOGICAL_NAME -> {
          if (t != JsonToken.VALUE_NUMBER_INT) {
            throw invalid("Invalid type for Timestamp, underlying representation should be integral but was ", p,
                depth);
          }
          return Timestamp.toLogical(schema, JsonNumbers.longValue(p));
        }
        default -> { }
      }
    }
    return switch (schema.type()) {
      case BOOLEAN -> t == JsonToken.VALUE_TRUE ? Boolean.TRUE : notA(p, depth, Boolean.FALSE);
      case INT8 -> JsonNumbers.isNumber(t) ? (byte) JsonNumbers.intValue(p) : notA(p, depth, (byte) 0);
      case INT16 -> JsonNumbers.isNumber(t) ? (short) JsonNumbers.intValue(p) : notA(p, depth, (short) 0);
      case INT32 -> JsonNumbers.isNumber(t) ? JsonNumbers.intValue(p) : notA(p, depth, 0);
      case INT64 -> JsonNumbers.isNumber(t) ? JsonNumbers.longValue(p) : notA(p, depth, 0L);
      case FLOAT32 -> JsonNumbers.isNumber(t) ? JsonNumbers.floatValue(p) : notA(p, depth, 0.0f);
      case FLOAT64 -> JsonNumbers.isNumber(t) ? JsonNumbers.doubleValue(p) : notA(p, depth, 0.0d);
      case STRING -> t == JsonToken.VALUE_STRING ? p.getText() : notA(p, depth, null);
      case BYTES -> t == JsonToken.VALUE_STRING ? bytes(p.getText()) : notA(p, depth, null);
      case ARRAY -> readArray(p, schema.valueSchema(), depth);
      case MAP -> schema.keySchema().type() == Schema.Type.STRING
          ? readObjectMap(p, schema.valueSchema(), depth)
          : readPairMap(p, schema, depth);
      case STRUCT -> readStruct(p, schema, depth);
    };
  }

  /** JsonConverter's answer for a null or missing value. */
  Object nullValue(Schema schema) {
    if (schema.defaultValue() != null && replaceNullWithDefault) {
      return schema.defaultValue();
    }
    if (schema.isOptional()) {
      return null;
    }
    throw new DataException("Invalid null value for required " + schema.type() + " field");
  }

  private Object readSchemaless(JsonParser p, int depth) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        StreamLimits.checkNumber(p);
        return JsonNumbers.longValue(p);
      case VALUE_NUMBER_FLOAT:
        StreamLimits.checkNumber(p);
        return JsonNumbers.doubleValue(p);
      case VALUE_STRING:
        return p.getText();
      case START_ARRAY: {
        StreamLimits.checkDepth(depth + 1);
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readSchemaless(p, depth + 1));
        }
        return list;
      }
      case START_OBJECT: {
        StreamLimits.checkDepth(depth + 1);
        Map<Object, Object> map = new HashMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
          StreamLimits.checkName(key);
          p.nextToken();
          map.put(key, readSchemaless(p, depth + 1));
        }
        expectEndObject(p);
        return map;
      }
      default:
        throw new DataException("Unexpected JSON token " + t);
    }
  }

  private Object readDecimal(JsonParser p, Schema schema, int depth) throws IOException {
    JsonToken t = p.currentToken();
    if (JsonNumbers.isNumber(t)) {
      return JsonNumbers.decimalValue(p);
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return Decimal.toLogical(schema, bytes(p.getText()));
      } catch (Exception e) {
        throw new DataException("Invalid bytes for Decimal field", e);
      }
    }
    throw invalid("Invalid type for Decimal, underlying representation should be numeric or bytes but was ", p,
        depth);
  }

  private int requireInt(JsonParser p, String logical, int depth) throws IOException {
    if (!JsonNumbers.isInt(p)) {
      throw invalid("Invalid type for " + logical + ", underlying representation should be integer but was ", p,
          depth);
    }
    return p.getIntValue();
  }

  private List<Object> readArray(JsonParser p, Schema elementSchema, int depth) throws IOException {
    JsonToken t = p.currentToken();
    List<Object> list = new ArrayList<>();
    if (t == JsonToken.START_ARRAY) {
      StreamLimits.checkDepth(depth + 1);
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(read(p, elementSchema, depth + 1));
      }
    } else if (t == JsonToken.START_OBJECT) {
      // JsonConverter iterates an object's values (the last of duplicate names, at the first one's position).
      StreamLimits.checkDepth(depth + 1);
      Map<String, Object> values = new LinkedHashMap<>();
      String key;
      while ((key = p.nextFieldName()) != null) {
        StreamLimits.checkName(key);
        p.nextToken();
        values.put(key, readDeferringError(p, elementSchema, depth + 1));
      }
      expectEndObject(p);
      for (Object value : values.values()) {
        list.add(Deferred.unwrap(value));
      }
    } else {
      StreamLimits.skip(p, depth);
    }
    return list;
  }

  private Map<Object, Object> readObjectMap(JsonParser p, Schema valueSchema, int depth) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw invalid("Maps with string fields should be encoded as JSON objects, but found ", p, depth);
    }
    StreamLimits.checkDepth(depth + 1);
    Map<Object, Object> map = new HashMap<>();
    boolean deferred = false;
    String key;
    while ((key = p.nextFieldName()) != null) {
      StreamLimits.checkName(key);
      p.nextToken();
      Object value = readDeferringError(p, valueSchema, depth + 1);
      deferred |= value instanceof Deferred;
      map.put(key, value);
    }
    expectEndObject(p);
    if (deferred) {
      for (Object value : map.values()) {
        Deferred.unwrap(value);
      }
    }
    return map;
  }

  private Map<Object, Object> readPairMap(JsonParser p, Schema schema, int depth) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw invalid("Maps with non-string fields should be encoded as JSON array of tuples, but found ", p, depth);
    }
    StreamLimits.checkDepth(depth + 1);
    Map<Object, Object> map = new HashMap<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw invalid("Found invalid map entry instead of array tuple: ", p, depth + 1);
      }
      StreamLimits.checkDepth(depth + 2);
      if (p.nextToken() == JsonToken.END_ARRAY) {
        throw new DataException("Found invalid map entry, expected length 2 but found :0");
      }
      Object key = read(p, schema.keySchema(), depth + 2);
      if (p.nextToken() == JsonToken.END_ARRAY) {
        throw new DataException("Found invalid map entry, expected length 2 but found :1");
      }
      Object value = read(p, schema.valueSchema(), depth + 2);
      if (p.nextToken() != JsonToken.END_ARRAY) {
        throw new DataException("Found invalid map entry, expected length 2 but found more");
      }
      map.put(key, value);
    }
    return map;
  }

  private Struct readStruct(JsonParser p, Schema schema, int depth) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw invalid("Structs should be encoded as JSON objects, but found ", p, depth);
    }
    StreamLimits.checkDepth(depth + 1);
    Struct struct = new Struct(schema.schema());
    List<Field> fields = schema.fields();
    Object[] values = new Object[fields.size()];
    boolean[] seen = new boolean[values.length];
    String key;
    int position = 0;
    while ((key = p.nextFieldName()) != null) {
      StreamLimits.checkName(key);
      p.nextToken();
      // Writers (JsonConverter among them) put the fields in schema order: try the next one before the lookup.
      Field next = position < values.length ? fields.get(position) : null;
      Field field = next != null && next.name().equals(key) ? next : schema.field(key);
      position = field == null ? position : field.index() + 1;
      if (field == null) {
        StreamLimits.skip(p, depth + 1);
        continue;
      }
      int index = field.index();
      values[index] = readDeferringError(p, field.schema(), depth + 1);
      seen[index] = true;
    }
    expectEndObject(p);
    // In the schema's field order, as JsonConverter converts and puts them.
    for (int i = 0; i < values.length; i++) {
      Field field = fields.get(i);
      Object value = seen[i] ? Deferred.unwrap(values[i]) : nullValue(field.schema());
      struct.put(field, value);
    }
    return struct;
  }

  /**
   * Reads a member of an object (the parser on its first token), keeping a conversion error instead of throwing
   * it: when the name occurs again later, JsonConverter (which sees only the last occurrence) never converts this
   * one. After an error the rest of the value is skipped. Limit violations are never held back.
   */
  private Object readDeferringError(JsonParser p, Schema schema, int depth) throws IOException {
    JsonStreamContext parent = p.getParsingContext();
    if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
      parent = parent.getParent();
    }
    try {
      return read(p, schema, depth);
    } catch (DataException e) {
      if (StreamLimits.isLimit(e)) {
        throw e;
      }
      while (p.getParsingContext() != parent) {
        JsonToken t = p.nextToken();
        if (t == null) {
          throw e;
        }
        switch (t) {
          case START_OBJECT, START_ARRAY -> StreamLimits.checkDepth(depth + levelsBelow(p, parent));
          case FIELD_NAME -> StreamLimits.checkName(p.currentName());
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> StreamLimits.checkNumber(p);
          default -> { }
        }
      }
      return new Deferred(e);
    }
  }

  private static int levelsBelow(JsonParser p, JsonStreamContext parent) {
    int levels = 0;
    for (JsonStreamContext c = p.getParsingContext(); c != parent && c != null; c = c.getParent()) {
      levels++;
    }
    return levels;
  }

  private static void expectEndObject(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new DataException("Converting byte[] to Kafka Connect data failed: expected a field name or '}' but got "
          + p.currentToken());
    }
  }

  /** Consumes a value of the wrong kind (as JsonConverter's tree has read it whole) and returns the fallback. */
  private static <T> T notA(JsonParser p, int depth, T fallback) throws IOException {
    StreamLimits.skip(p, depth);
    return fallback;
  }

  /** Jackson's {@code TextNode.binaryValue()}: the trimmed text as base64 in Jackson's default variant. */
  static byte[] bytes(String text) {
    String trimmed = text.trim();
    ByteArrayBuilder builder = new ByteArrayBuilder(Math.max(16, Math.min(0x10000, 4 + ((trimmed.length() * 3) >> 2))));
    try {
      Base64Variants.getDefaultVariant().decode(trimmed, builder);
    } catch (IllegalArgumentException e) {
      throw new DataException("Invalid bytes field", e);
    }
    return builder.toByteArray();
  }

  private static DataException invalid(String message, JsonParser p, int depth) throws IOException {
    String kind = nodeType(p.currentToken());
    StreamLimits.skip(p, depth);
    return new DataException(message + kind);
  }

  private static String nodeType(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "OBJECT";
      case START_ARRAY -> "ARRAY";
      case VALUE_STRING -> "STRING";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
      case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
      case VALUE_NULL -> "NULL";
      default -> String.valueOf(t);
    };
  }

  /** A conversion error held back until it is known that no later duplicate name replaces the value. */
  private record Deferred(DataException error) {
    static Object unwrap(Object value) {
      if (value instanceof Deferred d) {
        throw d.error;
      }
      return value;
    }
  }
}
