package io.streamlake.connect.json;

import io.streamlake.common.LruCache;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * The JSON form of a Connect schema, as JsonConverter writes it in an envelope: members in its order (type,
 * items/keys/values/fields, optional, name, version, doc, parameters, default), each struct field as its schema's
 * JSON plus {@code "field"}.
 *
 * <p>Kept in a bounded LRU per schema and per nested schema, looked up and filled in the same order as
 * JsonConverter's own cache, so that even two equal schemas whose parameters are in different orders come out as
 * the same bytes as JsonConverter writes them. The cached text is written into the message as it is.
 */
final class SchemaWriter {

  private static final SerializedString NULL = new SerializedString("null");

  private final JsonFactory factory;
  private final ValueWriter values;
  private final LruCache<Schema, SerializedString> cache;

  SchemaWriter(JsonFactory factory, ValueWriter values, int cacheSize) {
    this.factory = factory;
    this.values = values;
    this.cache = new LruCache<>(cacheSize);
  }

  /** The schema's JSON, ready for {@link JsonGenerator#writeRawValue(com.fasterxml.jackson.core.SerializableString)}. */
  SerializedString json(Schema schema) throws IOException {
    if (schema == null) {
      return NULL;
    }
    SerializedString cached = cache.get(schema);
    if (cached != null) {
      return cached;
    }
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", typeName(schema));
      switch (schema.type()) {
        case ARRAY -> {
          g.writeFieldName("items");
          g.writeRawValue(json(schema.valueSchema()));
        }
        case MAP -> {
          g.writeFieldName("keys");
          g.writeRawValue(json(schema.keySchema()));
          g.writeFieldName("values");
          g.writeRawValue(json(schema.valueSchema()));
        }
        case STRUCT -> {
          g.writeFieldName("fields");
          g.writeStartArray();
          for (Field field : schema.fields()) {
            g.writeRawValue(new SerializedString(withFieldName(json(field.schema()), field.name())));
          }
          g.writeEndArray();
        }
        default -> { }
      }
      g.writeBooleanField("optional", schema.isOptional());
      if (schema.name() != null) {
        g.writeStringField("name", schema.name());
      }
      if (schema.version() != null) {
        g.writeNumberField("version", schema.version());
      }
      if (schema.doc() != null) {
        g.writeStringField("doc", schema.doc());
      }
      if (schema.parameters() != null) {
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, String> parameter : schema.parameters().entrySet()) {
          g.writeFieldName(parameter.getKey());
          // ObjectNode.put(String, String) turns a null into a JSON null.
          if (parameter.getValue() == null) {
            g.writeNull();
          } else {
            g.writeString(parameter.getValue());
          }
        }
        g.writeEndObject();
      }
      if (schema.defaultValue() != null) {
        g.writeFieldName("default");
        values.write(g, schema, schema.defaultValue());
      }
      g.writeEndObject();
    }
    SerializedString json = new SerializedString(new String(out.toByteArray(), StandardCharsets.UTF_8));
    cache.put(schema, json);
    return json;
  }

  /** A field's entry in "fields": its schema's JSON object with {@code "field": name} added last. */
  private String withFieldName(SerializedString schemaJson, String name) throws IOException {
    String json = schemaJson.getValue();
    ByteArrayBuilder quoted = new ByteArrayBuilder();
    try (JsonGenerator g = factory.createGenerator(quoted)) {
      g.writeString(name);
    }
    return json.substring(0, json.length() - 1) + ",\"field\":"
        + new String(quoted.toByteArray(), StandardCharsets.UTF_8) + "}";
  }

  private static String typeName(Schema schema) {
    return switch (schema.type()) {
      case FLOAT32 -> "float";
      case FLOAT64 -> "double";
      case BOOLEAN, INT8, INT16, INT32, INT64, STRING, BYTES, ARRAY, MAP, STRUCT ->
          schema.type().name().toLowerCase(Locale.ROOT);
      default -> throw new DataException("Couldn't translate unsupported schema type " + schema + ".");
    };
  }
}
