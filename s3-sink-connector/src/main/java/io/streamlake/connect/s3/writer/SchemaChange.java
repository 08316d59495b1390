package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.config.SchemaCompatibility;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/** Decides whether a record's value schema can join files opened with another schema. */
final class SchemaChange {

  private final SchemaCompatibility compatibility;

  SchemaChange(SchemaCompatibility compatibility) {
    this.compatibility = compatibility;
  }

  /** True when the files must be cut before a record with {@code incoming} schema is written. */
  boolean needsCut(Schema current, Schema incoming) {
    if (Objects.equals(current, incoming)) {
      return false;
    }
    if (compatibility == SchemaCompatibility.NONE || current == null || incoming == null) {
      return true;
    }
    if (current.version() != null && incoming.version() != null && incoming.version() > current.version()) {
      return true;
    }
    return !projectable(incoming, current);
  }

  /** Every field of {@code from} exists in {@code to} with the same type; every other field of {@code to} is optional. */
  static boolean projectable(Schema from, Schema to) {
    if (from.type() != to.type() || !Objects.equals(from.name(), to.name())) {
      return false;
    }
    if (from.isOptional() && !to.isOptional()) {
      return false;
    }
    return switch (from.type()) {
      case STRUCT -> {
        for (Field field : from.fields()) {
          Field target = to.field(field.name());
          if (target == null || !projectable(field.schema(), target.schema())) {
            yield false;
          }
        }
        for (Field field : to.fields()) {
          if (from.field(field.name()) == null && !field.schema().isOptional() && field.schema().defaultValue() == null) {
            yield false;
          }
        }
        yield true;
      }
      case ARRAY -> projectable(from.valueSchema(), to.valueSchema());
      case MAP -> projectable(from.keySchema(), to.keySchema()) && projectable(from.valueSchema(), to.valueSchema());
      default -> Objects.equals(from.parameters(), to.parameters());
    };
  }
}
