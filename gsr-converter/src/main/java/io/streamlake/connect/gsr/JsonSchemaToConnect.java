package io.streamlake.connect.gsr;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * JSON Schema (drafts 4 to 7, as AWS's serializer accepts them) to Connect schemas, and JSON payloads to Connect
 * values. Reads the annotations AWS's JSON Schema converter writes ({@code connect.type}, {@code connect.name},
 * {@code connect.parameters}, {@code connect.version}, {@code connect.doc}, {@code connect.index}) so that what a
 * Connect source wrote comes back with its Connect types (int8 to int64, float32, bytes, Decimal, Date, Time,
 * Timestamp, maps); a plain producer schema maps by its JSON types ({@code integer} to INT64, {@code number} to
 * FLOAT64). Nullable is {@code oneOf}/{@code anyOf} with {@code {"type": "null"}} or a type array with
 * {@code "null"}; a property missing from an object's {@code required} list (when it has one) is optional too.
 * What has no Connect form (unions of several types, tuples, {@code allOf}, remote {@code $ref}s, recursion) is a
 * {@link DataException} naming the property path.
 */
final class JsonSchemaToConnect {

  static final String CONNECT_TYPE = "connect.type";
  static final String CONNECT_NAME = "connect.name";
  static final String CONNECT_DOC = "connect.doc";
  static final String CONNECT_VERSION = "connect.version";
  static final String CONNECT_PARAMETERS = "connect.parameters";
  static final String CONNECT_INDEX = "connect.index";

  private static final int MAX_DEPTH = 64;

  /** The Connect schema of a JSON Schema document. */
  Schema toConnectSchema(JsonNode root) {
    return schema(root, root, "", false, 0);
  }

  private Schema schema(JsonNode root, JsonNode node, String path, boolean optional, int depth) {
    if (depth > MAX_DEPTH) {
      throw new DataException(where(path) + "nests deeper than " + MAX_DEPTH + " levels (a recursive $ref?): Connect"
          + " schemas cannot be recursive");
    }
    if (node == null || !node.isObject()) {
      throw new DataException(where(path) + "has a schema that is not a JSON object: " + node);
    }
    if (node.has("$ref")) {
      return schema(root, resolve(root, node.get("$ref").asText(), path), path, optional, depth + 1);
    }
    for (String union : List.of("oneOf", "anyOf")) {
      if (node.has(union)) {
        return union(root, node, union, path, optional, depth);
      }
    }
    if (node.has("allOf")) {
      throw new DataException(where(path) + "uses allOf, which has no Connect form");
    }
    JsonNode typeNode = node.get("type");
    String type;
    boolean nullable = optional;
    if (typeNode != null && typeNode.isArray()) {
      List<String> types = new ArrayList<>();
      typeNode.forEach(t -> {
        if ("null".equals(t.asText())) {
          return;
        }
        types.add(t.asText());
      });
      nullable |= types.size() < typeNode.size();
      if (types.size() != 1) {
        throw new DataException(where(path) + "has types " + typeNode + ": only one type (with or without null) has"
            + " a Connect form");
      }
      type = types.get(0);
    } else if (typeNode != null) {
      type = typeNode.asText();
    } else if (node.has("enum")) {
      type = "string";
    } else if (node.has("properties")) {
      type = "object";
    } else {
      throw new DataException(where(path) + "has no type: a schema without a type (any value) has no Connect form");
    }
    SchemaBuilder builder = base(root, node, type, path, depth);
    annotate(builder, node, path);
    if (nullable) {
      builder.optional();
    }
    if (node.has("default") && !node.get("default").isNull()) {
      Schema withoutDefault = builder.build();
      builder.defaultValue(value(withoutDefault, node.get("default"), path + " (default)"));
    }
    return builder.build();
  }

  private Schema union(JsonNode root, JsonNode node, String keyword, String path, boolean optional, int depth) {
    List<JsonNode> branches = new ArrayList<>();
    boolean hasNull = false;
    for (JsonNode branch : node.get(keyword)) {
      if (branch.isObject() && branch.size() == 1 && "null".equals(branch.path("type").asText(null))) {
        hasNull = true;
      } else {
        branches.add(branch);
      }
    }
    if (branches.size() != 1) {
      throw new DataException(where(path) + "is a " + keyword + " of " + branches.size() + " non-null schemas: only"
          + " one schema or null (an optional field) has a Connect form");
    }
    return schema(root, branches.get(0), path, optional || hasNull, depth + 1);
  }

  private SchemaBuilder base(JsonNode root, JsonNode node, String type, String path, int depth) {
    String connectType = text(node, CONNECT_TYPE);
    String name = text(node, CONNECT_NAME);
    if (Decimal.LOGICAL_NAME.equals(name)) {
      requireType(type, path, "string", "number");
      JsonNode scale = node.path(CONNECT_PARAMETERS).path(Decimal.SCALE_FIELD);
      if (!scale.isTextual() && !scale.isInt()) {
        throw new DataException(where(path) + "is a Decimal without connect.parameters.scale");
      }
      try {
        return Decimal.builder(Integer.parseInt(scale.asText()));
      } catch (NumberFormatException e) {
        throw new DataException(where(path) + "is a Decimal whose scale is not an integer: " + scale, e);
      }
    }
    if (Date.LOGICAL_NAME.equals(name) || Time.LOGICAL_NAME.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
      requireType(type, path, "integer", "number");
      return Date.LOGICAL_NAME.equals(name) ? Date.builder()
          : Time.LOGICAL_NAME.equals(name) ? Time.builder() : Timestamp.builder();
    }
    switch (type) {
      case "object":
        return "map".equals(connectType) || (!node.has("properties") && node.path("additionalProperties").isObject())
            ? SchemaBuilder.map(Schema.STRING_SCHEMA, schema(root, node.get("additionalProperties"), path + "{}",
                false, depth + 1))
            : struct(root, node, path, depth);
      case "array":
        JsonNode items = node.get("items");
        if (items == null || !items.isObject()) {
          throw new DataException(where(path) + "is an array without one items schema (tuples have no Connect form)");
        }
        if ("map".equals(connectType)) {
          return SchemaBuilder.map(
              schema(root, items.path("properties").get("key"), path + "[].key", false, depth + 1),
              schema(root, items.path("properties").get("value"), path + "[].value", false, depth + 1));
        }
        return SchemaBuilder.array(schema(root, items, path + "[]", false, depth + 1));
      case "integer":
        return SchemaBuilder.type(connectType == null ? Schema.Type.INT64 : numeric(connectType, path, true));
      case "number":
        return SchemaBuilder.type(connectType == null ? Schema.Type.FLOAT64 : numeric(connectType, path, false));
      case "string":
        if (node.has("enum")) {
          node.get("enum").forEach(symbol -> {
            if (!symbol.isTextual()) {
              throw new DataException(where(path) + "is an enum with a value that is not a string: " + symbol);
            }
          });
        }
        return "bytes".equals(connectType) ? SchemaBuilder.bytes() : SchemaBuilder.string();
      case "boolean":
        return SchemaBuilder.bool();
      default:
        throw new DataException(where(path) + "has type " + type + ", which has no Connect form");
    }
  }

  private SchemaBuilder struct(JsonNode root, JsonNode node, String path, int depth) {
    SchemaBuilder builder = SchemaBuilder.struct();
    JsonNode properties = node.path("properties");
    Set<String> required = null;
    if (node.path("required").isArray()) {
      required = new HashSet<>();
      for (JsonNode name : node.get("required")) {
        required.add(name.asText());
      }
    }
    // AWS's converter writes each property's position as connect.index; a producer's schema keeps document order.
    List<Map.Entry<String, JsonNode>> ordered = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    fields.forEachRemaining(ordered::add);
    ordered.sort(Comparator.comparingInt(entry -> entry.getValue().path(CONNECT_INDEX).asInt(Integer.MAX_VALUE)));
    for (Map.Entry<String, JsonNode> property : ordered) {
      String fieldPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
      boolean optional = required != null && !required.contains(property.getKey());
      builder.field(property.getKey(), schema(root, property.getValue(), fieldPath, optional, depth + 1));
    }
    return builder;
  }

  private static void annotate(SchemaBuilder builder, JsonNode node, String path) {
    String name = text(node, CONNECT_NAME);
    if (name != null && builder.name() == null) {
      builder.name(name);
    }
    String doc = text(node, CONNECT_DOC);
    if (doc == null) {
      doc = text(node, "description");
    }
    if (doc != null) {
      builder.doc(doc);
    }
    JsonNode version = node.get(CONNECT_VERSION);
    if (version != null && version.canConvertToInt() && builder.version() == null) {
      builder.version(version.asInt());
    }
    JsonNode parameters = node.get(CONNECT_PARAMETERS);
    if (parameters != null && parameters.isObject()) {
      parameters.fields().forEachRemaining(p -> {
        if (builder.parameters() == null || !builder.parameters().containsKey(p.getKey())) {
          builder.parameter(p.getKey(), p.getValue().asText());
        }
      });
    }
  }

  private static Schema.Type numeric(String connectType, String path, boolean integer) {
    Schema.Type type;
    try {
      type = Schema.Type.valueOf(connectType.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DataException(where(path) + "has connect.type " + connectType + ", which is not a Connect type", e);
    }
    boolean ok = switch (type) {
      case INT8, INT16, INT32, INT64 -> true;
      case FLOAT32, FLOAT64 -> !integer;
      default -> false;
    };
    if (!ok) {
      throw new DataException(where(path) + "has connect.type " + connectType + " on a JSON "
          + (integer ? "integer" : "number"));
    }
    return type;
  }

  private static void requireType(String type, String path, String... allowed) {
    if (!List.of(allowed).contains(type)) {
      throw new DataException(where(path) + "is a Connect logical type on JSON type " + type + " (expected "
          + String.join(" or ", allowed) + ")");
    }
  }

  private static JsonNode resolve(JsonNode root, String ref, String path) {
    if (!ref.startsWith("#")) {
      throw new DataException(where(path) + "refers to " + ref + ": only references inside the same schema (#/...)"
          + " are resolved");
    }
    JsonNode target = ref.length() == 1 ? root : root.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new DataException(where(path) + "refers to " + ref + ", which the schema does not define");
    }
    return target;
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String where(String path) {
    return path.isEmpty() ? "The JSON Schema " : "Property " + path + " ";
  }

  // ---- values ----

  /** The Connect value of a JSON payload read with {@code schema}; a mismatch is a DataException naming the field. */
  Object toConnectValue(Schema schema, JsonNode node) {
    return value(schema, node, "");
  }

  private Object value(Schema schema, JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      if (schema.defaultValue() != null) {
        return schema.defaultValue();
      }
      if (schema.isOptional()) {
        return null;
      }
      throw mismatch(path, schema, "null or missing, but it is required");
    }
    String name = schema.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      return decimal(schema, node, path);
    }
    if (Date.LOGICAL_NAME.equals(name)) {
      return Date.toLogical(schema, (int) integral(node, path, schema, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return Time.toLogical(schema, (int) integral(node, path, schema, 0, 86_400_000L - 1));
    }
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return Timestamp.toLogical(schema, integral(node, path, schema, Long.MIN_VALUE, Long.MAX_VALUE));
    }
    switch (schema.type()) {
      case INT8:
        return (byte) integral(node, path, schema, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case INT16:
        return (short) integral(node, path, schema, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT32:
        return (int) integral(node, path, schema, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT64:
        return integral(node, path, schema, Long.MIN_VALUE, Long.MAX_VALUE);
      case FLOAT32:
        requireNode(node.isNumber(), path, schema, node);
        return node.floatValue();
      case FLOAT64:
        requireNode(node.isNumber(), path, schema, node);
        return node.doubleValue();
      case BOOLEAN:
        requireNode(node.isBoolean(), path, schema, node);
        return node.booleanValue();
      case STRING:
        requireNode(node.isTextual(), path, schema, node);
        return node.textValue();
      case BYTES:
        return base64(node, path, schema);
      case ARRAY:
        requireNode(node.isArray(), path, schema, node);
        List<Object> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          list.add(value(schema.valueSchema(), node.get(i), path + "[" + i + "]"));
        }
        return list;
      case MAP:
        return map(schema, node, path);
      case STRUCT:
        requireNode(node.isObject(), path, schema, node);
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
          String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
          struct.put(field, value(field.schema(), node.get(field.name()), fieldPath));
        }
        return struct;
      default:
        throw mismatch(path, schema, "of a type this converter does not read");
    }
  }

  private Map<Object, Object> map(Schema schema, JsonNode node, String path) {
    Map<Object, Object> map = new LinkedHashMap<>();
    Schema keys = schema.keySchema();
    if (keys.type() == Schema.Type.STRING && !keys.isOptional()) {
      requireNode(node.isObject(), path, schema, node);
      node.fields().forEachRemaining(e ->
          map.put(e.getKey(), value(schema.valueSchema(), e.getValue(), path + "[" + e.getKey() + "]")));
      return map;
    }
    requireNode(node.isArray(), path, schema, node);
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      requireNode(entry.isObject(), path + "[" + i + "]", schema, entry);
      map.put(value(keys, entry.get("key"), path + "[" + i + "].key"),
          value(schema.valueSchema(), entry.get("value"), path + "[" + i + "].value"));
    }
    return map;
  }

  private static BigDecimal decimal(Schema schema, JsonNode node, String path) {
    int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
    if (node.isNumber()) {
      try {
        return node.decimalValue().setScale(scale, RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw mismatch(path, schema, "the number " + node + ", which has more than " + scale + " decimal places");
      }
    }
    return Decimal.toLogical(schema, base64(node, path, schema));
  }

  private static byte[] base64(JsonNode node, String path, Schema schema) {
    requireNode(node.isTextual(), path, schema, node);
    try {
      return Base64.getDecoder().decode(node.textValue());
    } catch (IllegalArgumentException e) {
      throw mismatch(path, schema, "a string that is not base64: " + e.getMessage());
    }
  }

  private static long integral(JsonNode node, String path, Schema schema, long min, long max) {
    requireNode(node.isNumber(), path, schema, node);
    BigInteger value;
    try {
      value = node.isIntegralNumber() ? node.bigIntegerValue() : node.decimalValue().toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw mismatch(path, schema, "the number " + node + ", which is not an integer");
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw mismatch(path, schema, "the number " + node + ", outside " + min + ".." + max);
    }
    return value.longValue();
  }

  private static void requireNode(boolean ok, String path, Schema schema, JsonNode node) {
    if (!ok) {
      throw mismatch(path, schema, "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static DataException mismatch(String path, Schema schema, String what) {
    String type = schema.name() != null ? schema.name() : schema.type().getName();
    return new DataException((path.isEmpty() ? "The JSON payload" : "Field " + path) + " (" + type + ") is " + what
        + ": the payload does not match its schema");
  }
}
