package io.streamlake.connect.json;

import io.streamlake.common.LruCache;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

/**
 * Builds the Connect schema that a message's {@code "schema"} object describes, with JsonConverter's rules and
 * in its order (type and nested schemas, then optional, name, version, doc, parameters, and the default read
 * with the schema built so far), so that the result and every error are the same. Parsed schemas are kept by
 * the exact bytes of the object ({@link #read}); only a new schema is parsed member by member.
 */
final class SchemaReader {

  private final Spans spans;
  private final ValueReader values;
  private final LruCache<ByteSpan, Hit> cache;
  private volatile Hit last;

  SchemaReader(Spans spans, ValueReader values, int cacheSize) {
    this.spans = spans;
    this.values = values;
    this.cache = new LruCache<>(cacheSize);
  }

  /** The schema of the {@code "schema"} value at {@code span}, from the cache when these bytes were seen. */
  Schema read(byte[] message, Span span, int depth) throws IOException {
    if (span.isNull()) {
      return null;
    }
    if (span.token() != JsonToken.START_OBJECT) {
      return parse(message, span, depth);
    }
    Hit hit = last;
    if (hit != null && hit.key.matches(message, span.from(), span.to())) {
      return hit.schema;
    }
    ByteSpan probe = ByteSpan.of(message, span.from(), span.to());
    hit = cache.get(probe);
    if (hit == null) {
      hit = new Hit(probe.copy(), parse(message, span, depth));
      cache.put(hit.key, hit);
    }
    last = hit;
    return hit.schema;
  }

  /**
   * The last schema returned, when its JSON object's bytes start at {@code from} in the message; else null. The
   * same bytes are the same complete object (a JSON object ends at its matching brace), so the caller may skip
   * them without tokenising.
   */
  Hit lastAt(byte[] message, int from) {
    Hit hit = last;
    if (hit == null) {
      return null;
    }
    int to = from + hit.key.length();
    return to <= message.length && hit.key.matches(message, from, to) ? hit : null;
  }

  int cacheSize() {
    return cache.size();
  }

  private Schema parse(byte[] message, Span span, int depth) throws IOException {
    if (span.isNull()) {
      return null;
    }
    Map<String, Span> members = spans.members(message, span, depth);
    Span type = members.get("type");
    if (type == null || type.token() != JsonToken.VALUE_STRING) {
      throw new DataException("Schema must contain 'type' field");
    }
    String typeName = text(message, type);
    SchemaBuilder builder = switch (typeName) {
      case "boolean" -> SchemaBuilder.bool();
      case "int8" -> SchemaBuilder.int8();
      case "int16" -> SchemaBuilder.int16();
      case "int32" -> SchemaBuilder.int32();
      case "int64" -> SchemaBuilder.int64();
      case "float" -> SchemaBuilder.float32();
      case "double" -> SchemaBuilder.float64();
      case "bytes" -> SchemaBuilder.bytes();
      case "string" -> SchemaBuilder.string();
      case "array" -> {
        Span items = members.get("items");
        if (items == null || items.isNull()) {
          throw new DataException("Array schema did not specify the element type");
        }
        yield SchemaBuilder.array(parse(message, items, depth + 1));
      }
      case "map" -> {
        Span keys = members.get("keys");
        if (keys == null) {
          throw new DataException("Map schema did not specify the key type");
        }
        Span mapValues = members.get("values");
        if (mapValues == null) {
          throw new DataException("Map schema did not specify the value type");
        }
        Schema keySchema = parse(message, keys, depth + 1);
        yield SchemaBuilder.map(keySchema, parse(message, mapValues, depth + 1));
      }
      case "struct" -> struct(message, members.get("fields"), depth);
      default -> throw new DataException("Unknown schema type: " + typeName);
    };

    Span optional = members.get("optional");
    if (optional != null && optional.token() == JsonToken.VALUE_TRUE) {
      builder.optional();
    } else {
      builder.required();
    }
    Span name = members.get("name");
    if (name != null && name.token() == JsonToken.VALUE_STRING) {
      builder.name(text(message, name));
    }
    Span version = members.get("version");
    if (version != null && version.token() == JsonToken.VALUE_NUMBER_INT) {
      try (JsonParser p = spans.open(message, version)) {
        builder.version(JsonNumbers.intValue(p));
      }
    }
    Span doc = members.get("doc");
    if (doc != null && doc.token() == JsonToken.VALUE_STRING) {
      builder.doc(text(message, doc));
    }
    Span parameters = members.get("parameters");
    if (parameters != null && parameters.token() == JsonToken.START_OBJECT) {
      for (Map.Entry<String, Span> parameter : spans.members(message, parameters, depth + 1).entrySet()) {
        if (parameter.getValue().token() != JsonToken.VALUE_STRING) {
          throw new DataException("Schema parameters must have string values.");
        }
        builder.parameter(parameter.getKey(), text(message, parameter.getValue()));
      }
    }
    Span defaultValue = members.get("default");
    if (defaultValue != null) {
      try (JsonParser p = spans.open(message, defaultValue)) {
        builder.defaultValue(values.read(p, builder, depth + 1));
      }
    }
    return builder.build();
  }

  private SchemaBuilder struct(byte[] message, Span fields, int depth) throws IOException {
    SchemaBuilder builder = SchemaBuilder.struct();
    if (fields == null || fields.token() != JsonToken.START_ARRAY) {
      throw new DataException("Struct schema's \"fields\" argument is not an array.");
    }
    for (Span field : spans.elements(message, fields, depth + 1)) {
      Span fieldName = spans.members(message, field, depth + 2).get("field");
      if (fieldName == null || fieldName.token() != JsonToken.VALUE_STRING) {
        throw new DataException("Struct schema's field name not specified properly");
      }
      builder.field(text(message, fieldName), parse(message, field, depth + 2));
    }
    return builder;
  }

  private String text(byte[] message, Span span) throws IOException {
    try (JsonParser p = spans.open(message, span)) {
      return p.getText();
    }
  }

  /** A cached schema with the bytes of its JSON object; the last one returned is checked before the cache. */
  record Hit(ByteSpan key, Schema schema) {}
}
