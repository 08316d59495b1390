package io.streamlake.connect.gsr;

import static io.streamlake.connect.gsr.JsonSchemaToConnect.CONNECT_DOC;
import static io.streamlake.connect.gsr.JsonSchemaToConnect.CONNECT_INDEX;
import static io.streamlake.connect.gsr.JsonSchemaToConnect.CONNECT_NAME;
import static io.streamlake.connect.gsr.JsonSchemaToConnect.CONNECT_PARAMETERS;
import static io.streamlake.connect.gsr.JsonSchemaToConnect.CONNECT_TYPE;
import static io.streamlake.connect.gsr.JsonSchemaToConnect.CONNECT_VERSION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Locale;
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
 * Connect schemas to JSON Schema and Connect values to JSON payloads, in the shape AWS's JSON Schema converter
 * writes them (with its default {@code connect.meta.data=true}): integers as {@code integer} and floats as
 * {@code number} with {@code connect.type}, bytes as base64 strings with {@code connect.type: bytes}, Decimal as a
 * base64 string or a number ({@code decimal.format}) with {@code connect.name} and {@code connect.parameters.scale},
 * Date/Time/Timestamp as integers with {@code connect.name}, structs as objects whose properties carry their
 * position in {@code connect.index}, maps as objects ({@code additionalProperties}) or arrays of key/value objects,
 * optional schemas as {@code oneOf} with {@code {"type": "null"}}. Payload properties come in field order and null
 * fields are left out, so payloads are byte-identical to AWS's; the schema's keys come in a fixed order (AWS's come
 * in hash order), so definitions are equal as JSON, not as text.
 */
final class ConnectToJsonSchema {

  /** Parameters in this namespace are AWS converter internals and are not written back (as AWS does). */
  private static final String AWS_NAMESPACE = "com.amazonaws.services.schemaregistry.kafkaconnect.jsonschema";
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final DecimalFormat decimalFormat;

  ConnectToJsonSchema(DecimalFormat decimalFormat) {
    this.decimalFormat = decimalFormat;
  }

  /** The JSON Schema of a Connect schema. */
  ObjectNode toJsonSchema(Schema schema) {
    return schema(schema, -1);
  }

  private ObjectNode schema(Schema schema, int index) {
    if (schema.isOptional()) {
      ObjectNode union = NODES.objectNode();
      if (index >= 0) {
        union.put(CONNECT_INDEX, index);
      }
      ArrayNode branches = union.putArray("oneOf");
      ObjectNode nullBranch = NODES.objectNode().put("type", "null");
      if (schema.type() == Schema.Type.STRUCT) {
        // AWS's converter puts null first for structs, last for everything else, and indexes only the union
        branches.add(nullBranch).add(required(schema, -1));
      } else {
        branches.add(required(schema, index)).add(nullBranch);
      }
      return union;
    }
    return required(schema, index);
  }

  private ObjectNode required(Schema schema, int index) {
    ObjectNode node = NODES.objectNode();
    String name = schema.name();
    boolean decimal = Decimal.LOGICAL_NAME.equals(name);
    node.put("type", jsonType(schema, decimal));
    if (index >= 0) {
      node.put(CONNECT_INDEX, index);
    }
    if (schema.version() != null) {
      node.put(CONNECT_VERSION, schema.version());
    }
    String connectType = connectType(schema);
    if (connectType != null) {
      node.put(CONNECT_TYPE, connectType);
    }
    if (name != null) {
      node.put(CONNECT_NAME, name);
    }
    if (schema.doc() != null) {
      node.put(CONNECT_DOC, schema.doc());
    }
    if (schema.parameters() != null) {
      ObjectNode parameters = NODES.objectNode();
      schema.parameters().forEach((key, value) -> {
        if (!key.startsWith(AWS_NAMESPACE)) {
          parameters.put(key, value);
        }
      });
      if (!parameters.isEmpty()) {
        node.set(CONNECT_PARAMETERS, parameters);
      }
    }
    if (schema.defaultValue() != null) {
      node.set("default", toJson(schema, schema.defaultValue(), "default"));
    }
    switch (schema.type()) {
      case STRUCT:
        ObjectNode properties = node.putObject("properties");
        for (Field field : schema.fields()) {
          properties.set(field.name(), schema(field.schema(), field.index()));
        }
        break;
      case ARRAY:
        node.set("items", schema(schema.valueSchema(), -1));
        break;
      case MAP:
        if (objectMap(schema)) {
          node.set("additionalProperties", schema(schema.valueSchema(), -1));
        } else {
          ObjectNode entry = node.putObject("items").put("type", "object");
          ObjectNode entryProperties = entry.putObject("properties");
          entryProperties.set("key", schema(schema.keySchema(), -1));
          entryProperties.set("value", schema(schema.valueSchema(), -1));
        }
        break;
      default:
        break;
    }
    return node;
  }

  private String jsonType(Schema schema, boolean decimal) {
    if (decimal) {
      return decimalFormat == DecimalFormat.NUMERIC ? "number" : "string";
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32, INT64 -> "integer";
      case FLOAT32, FLOAT64 -> "number";
      case BOOLEAN -> "boolean";
      case STRING, BYTES -> "string";
      case ARRAY -> "array";
      case MAP -> objectMap(schema) ? "object" : "array";
      case STRUCT -> "object";
    };
  }

  /** AWS writes connect.type for every type but boolean, string, array and struct. */
  private static String connectType(Schema schema) {
    return switch (schema.type()) {
      case BOOLEAN, STRING, ARRAY, STRUCT -> null;
      default -> schema.type().getName().toLowerCase(Locale.ROOT);
    };
  }

  private static boolean objectMap(Schema schema) {
    return schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional();
  }

  // ---- values ----

  /** The JSON payload of a Connect value (already validated against its schema). */
  JsonNode toJson(Schema schema, Object value) {
    return toJson(schema, value, "");
  }

  private JsonNode toJson(Schema schema, Object value, String path) {
    if (value == null) {
      if (schema.defaultValue() != null) {
        return toJson(schema, schema.defaultValue(), path);
      }
      if (schema.isOptional()) {
        return NODES.nullNode();
      }
      throw new DataException((path.isEmpty() ? "The value" : "Field " + path) + " is null but required");
    }
    String name = schema.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      BigDecimal decimal = (BigDecimal) value;
      return decimalFormat == DecimalFormat.NUMERIC ? NODES.numberNode(decimal)
          : NODES.binaryNode(Decimal.fromLogical(schema, decimal));
    }
    if (Date.LOGICAL_NAME.equals(name)) {
      return NODES.numberNode(Date.fromLogical(schema, (java.util.Date) value));
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return NODES.numberNode(Time.fromLogical(schema, (java.util.Date) value));
    }
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return NODES.numberNode(Timestamp.fromLogical(schema, (java.util.Date) value));
    }
    switch (schema.type()) {
      case INT8:
        return NODES.numberNode((Byte) value);
      case INT16:
        return NODES.numberNode((Short) value);
      case INT32:
        return NODES.numberNode((Integer) value);
      case INT64:
        return NODES.numberNode((Long) value);
      case FLOAT32:
        return NODES.numberNode((Float) value);
      case FLOAT64:
        return NODES.numberNode((Double) value);
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case STRING:
        return NODES.textNode((String) value);
      case BYTES:
        return NODES.binaryNode(value instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) value);
      case ARRAY:
        ArrayNode array = NODES.arrayNode();
        int i = 0;
        for (Object element : (Collection<?>) value) {
          array.add(toJson(schema.valueSchema(), element, path + "[" + i++ + "]"));
        }
        return array;
      case MAP:
        return map(schema, (Map<?, ?>) value, path);
      case STRUCT:
        Struct struct = (Struct) value;
        ObjectNode object = NODES.objectNode();
        for (Field field : schema.fields()) {
          Object fieldValue = struct.get(field);
          if (fieldValue != null) {
            object.set(field.name(), toJson(field.schema(), fieldValue,
                path.isEmpty() ? field.name() : path + "." + field.name()));
          }
        }
        return object;
      default:
        throw new DataException("Field " + path + " has type " + schema.type() + ", which has no JSON form");
    }
  }

  private JsonNode map(Schema schema, Map<?, ?> map, String path) {
    if (objectMap(schema)) {
      ObjectNode object = NODES.objectNode();
      map.forEach((key, value) -> object.set((String) key, toJson(schema.valueSchema(), value, path + "[" + key + "]")));
      return object;
    }
    ArrayNode entries = NODES.arrayNode();
    map.forEach((key, value) -> {
      ObjectNode entry = NODES.objectNode();
      // AWS's converter builds each entry from a HashMap, which iterates "value" before "key"
      entry.set("value", toJson(schema.valueSchema(), value, path + "[" + key + "]"));
      entry.set("key", toJson(schema.keySchema(), key, path + "[" + key + "].key"));
      entries.add(entry);
    });
    return entries;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
