package io.streamlake.connect.cdc.envelope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Builds new rows (Struct or Map) with fields added or removed; never changes the row it is given. Derived
 * schemas are cached per instance, bounded.
 */
public final class RowEditor {

  private static final int CACHE_SIZE = 64;

  /** A field to add: its name and its value with schema (null schema when schemaless). */
  public record Addition(String name, SchemaAndValue value) {}

  private record AddKey(Schema base, List<String> names, List<Schema> schemas) {}

  private record DropKey(Schema base, List<String> names) {}

  private final boolean replaceNullWithDefault;
  private final Cache<AddKey, Schema> added = new SynchronizedCache<>(new LRUCache<>(CACHE_SIZE));
  private final Cache<DropKey, Schema> dropped = new SynchronizedCache<>(new LRUCache<>(CACHE_SIZE));

  /**
   * @param replaceNullWithDefault when copying a row for a rewrite flag or a removal, read null fields as their
   *     schema default (what Kafka's InsertField/ReplaceField do, and so what Debezium produces)
   */
  public RowEditor(boolean replaceNullWithDefault) {
    this.replaceNullWithDefault = replaceNullWithDefault;
  }

  /**
   * The row with extra fields appended. With {@code copyDefaults} null fields of the row become their
   * defaults (the rewrite flag's behaviour); otherwise they are copied as they are (add.fields' behaviour).
   */
  public SchemaAndValue withFields(SchemaAndValue row, List<Addition> additions, boolean copyDefaults) {
    if (row.schema() == null) {
      Map<Object, Object> out = new LinkedHashMap<>((Map<?, ?>) row.value());
      additions.forEach(a -> out.put(a.name(), a.value().value()));
      return new SchemaAndValue(null, out);
    }
    Struct in = (Struct) row.value();
    AddKey key = new AddKey(row.schema(), additions.stream().map(Addition::name).toList(),
        additions.stream().map(a -> a.value().schema()).toList());
    Schema schema = cached(added, key, () -> {
      SchemaBuilder builder = Schemas.structLike(row.schema());
      row.schema().fields().forEach(f -> builder.field(f.name(), f.schema()));
      additions.forEach(a -> builder.field(a.name(), a.value().schema()));
      return builder.build();
    });
    Struct out = new Struct(schema);
    for (Field field : row.schema().fields()) {
      out.put(field.name(), copyDefaults ? read(in, field) : in.getWithoutDefault(field.name()));
    }
    additions.forEach(a -> out.put(a.name(), a.value().value()));
    return new SchemaAndValue(schema, out);
  }

  /**
   * The row without the named fields. With {@code onlyOptional} only fields whose schema is optional go (a
   * schemaless row has no optionality: every named key goes). Returns {@code row} itself when nothing is removed.
   */
  public SchemaAndValue without(SchemaAndValue row, List<String> names, boolean onlyOptional) {
    if (row.value() == null) {
      return row;
    }
    if (row.schema() == null) {
      Map<Object, Object> out = new LinkedHashMap<>((Map<?, ?>) row.value());
      names.forEach(out::remove);
      return new SchemaAndValue(null, out);
    }
    List<String> removable = row.schema().fields().stream()
        .filter(f -> names.contains(f.name()) && (!onlyOptional || f.schema().isOptional()))
        .map(Field::name).toList();
    if (removable.isEmpty() && onlyOptional) {
      return row;
    }
    Schema schema = cached(dropped, new DropKey(row.schema(), removable), () -> {
      SchemaBuilder builder = Schemas.structLike(row.schema());
      row.schema().fields().stream().filter(f -> !removable.contains(f.name()))
          .forEach(f -> builder.field(f.name(), f.schema()));
      return builder.build();
    });
    Struct in = (Struct) row.value();
    Struct out = new Struct(schema);
    for (Field field : schema.fields()) {
      out.put(field.name(), read(in, in.schema().field(field.name())));
    }
    return new SchemaAndValue(schema, out);
  }

  private Object read(Struct row, Field field) {
    return replaceNullWithDefault ? row.get(field) : row.getWithoutDefault(field.name());
  }

  private static <K> Schema cached(Cache<K, Schema> cache, K key, java.util.function.Supplier<Schema> build) {
    Schema schema = cache.get(key);
    if (schema == null) {
      schema = build.get();
      cache.put(key, schema);
    }
    return schema;
  }
}
