package io.streamlake.connect.cdc.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Rewrites schemas and values so every Debezium semantic type inside them (at any depth: struct fields, array
 * elements, map keys and values) becomes its Connect logical type. A schema with nothing to convert comes back as
 * the same instance, and its values are returned untouched. Converted schemas are cached per instance, bounded.
 */
public final class SchemaConverter {

  private static final int CACHE_SIZE = 128;

  private final DebeziumTypes types;
  private final Cache<Schema, Schema> cache = new SynchronizedCache<>(new LRUCache<>(CACHE_SIZE));

  public SchemaConverter(DebeziumTypes types) {
    this.types = types;
  }

  /** The converted schema ({@code null} stays {@code null}). */
  public Schema schema(Schema source) {
    if (source == null) {
      return null;
    }
    Schema converted = cache.get(source);
    if (converted == null) {
      converted = build(source);
      cache.put(source, converted);
    }
    return converted;
  }

  /**
   * The value converted from {@code source} to {@code target} (which {@link #schema} returned for it).
   *
   * @param where the field path used in error messages, e.g. {@code value.after.created_at}
   */
  public Object value(Schema source, Schema target, Object value, String where) {
    if (value == null || source == target) {
      return value;
    }
    TypeConversion conversion = types.forSchema(source);
    if (conversion != null) {
      return conversion.convert(value, where);
    }
    return switch (source.type()) {
      case STRUCT -> struct(source, target, (Struct) value, where);
      case ARRAY -> array(source, target, (List<?>) value, where);
      case MAP -> map(source, target, (Map<?, ?>) value, where);
      default -> value;
    };
  }

  private Struct struct(Schema source, Schema target, Struct value, String where) {
    Struct out = new Struct(target);
    for (Field field : source.fields()) {
      Schema fieldTarget = target.field(field.name()).schema();
      out.put(field.name(), value(field.schema(), fieldTarget, value.getWithoutDefault(field.name()),
          where + "." + field.name()));
    }
    return out;
  }

  private List<Object> array(Schema source, Schema target, List<?> value, String where) {
    List<Object> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      out.add(value(source.valueSchema(), target.valueSchema(), value.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  private Map<Object, Object> map(Schema source, Schema target, Map<?, ?> value, String where) {
    Map<Object, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : value.entrySet()) {
      out.put(value(source.keySchema(), target.keySchema(), entry.getKey(), where + "{key}"),
          value(source.valueSchema(), target.valueSchema(), entry.getValue(), where + "[" + entry.getKey() + "]"));
    }
    return out;
  }

  private Schema build(Schema source) {
    TypeConversion conversion = types.forSchema(source);
    if (conversion != null) {
      return finish(source, conversion.target(), conversion);
    }
    return switch (source.type()) {
      case STRUCT -> buildStruct(source);
      case ARRAY -> {
        Schema element = schema(source.valueSchema());
        yield element == source.valueSchema() ? source : finish(source, SchemaBuilder.array(element), null);
      }
      case MAP -> {
        Schema key = schema(source.keySchema());
        Schema value = schema(source.valueSchema());
        yield key == source.keySchema() && value == source.valueSchema() ? source
            : finish(source, SchemaBuilder.map(key, value), null);
      }
      default -> source;
    };
  }

  private Schema buildStruct(Schema source) {
    List<Schema> converted = new ArrayList<>();
    boolean changed = false;
    for (Field field : source.fields()) {
      Schema fieldSchema = schema(field.schema());
      converted.add(fieldSchema);
      changed |= fieldSchema != field.schema();
    }
    if (!changed) {
      return source;
    }
    SchemaBuilder builder = SchemaBuilder.struct().name(source.name()).version(source.version());
    if (source.parameters() != null) {
      builder.parameters(source.parameters());
    }
    for (int i = 0; i < source.fields().size(); i++) {
      builder.field(source.fields().get(i).name(), converted.get(i));
    }
    return finish(source, builder, null);
  }

  /** Copies doc, optionality and (converted) default onto the target builder. */
  private Schema finish(Schema source, SchemaBuilder builder, TypeConversion conversion) {
    builder.doc(source.doc());
    if (source.isOptional()) {
      builder.optional();
    }
    if (source.defaultValue() != null) {
      Schema shape = builder.build();
      Object value = conversion != null ? conversion.convert(source.defaultValue(), "default of " + source.name())
          : value(source, shape, source.defaultValue(), "default");
      builder.defaultValue(value);
    }
    return builder.build();
  }
}
