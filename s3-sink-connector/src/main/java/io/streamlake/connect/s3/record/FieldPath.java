package io.streamlake.connect.s3.record;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** A dotted path ({@code a.b.c}) into a Struct or a Map value. Immutable and thread-safe. */
public final class FieldPath {

  private final String path;
  private final List<String> names;

  public FieldPath(String path) {
    if (path == null || path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
      throw new IllegalArgumentException("Invalid field path '" + path + "'; expected names joined by dots");
    }
    this.path = path;
    this.names = List.of(path.split("\\."));
  }

  public String path() {
    return path;
  }

  /** The value at this path, or {@link Lookup#missing()} when any step is absent. */
  public Lookup lookup(Object value) {
    Object current = value;
    Schema schema = null;
    for (String name : names) {
      if (current instanceof Struct struct) {
        Field field = struct.schema().field(name);
        if (field == null) {
          return Lookup.missing();
        }
        schema = field.schema();
        current = struct.get(field);
      } else if (current instanceof Map<?, ?> map) {
        if (!map.containsKey(name)) {
          return Lookup.missing();
        }
        schema = null;
        current = map.get(name);
      } else {
        return Lookup.missing();
      }
    }
    return new Lookup(true, current, schema);
  }

  @Override
  public String toString() {
    return path;
  }

  /** Result of a lookup: whether the path exists, its value (may be null) and its Connect schema if known. */
  public record Lookup(boolean found, Object value, Schema schema) {
    static Lookup missing() {
      return new Lookup(false, null, null);
    }
  }
}
