package io.streamlake.connect.cdc.envelope;

import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

/** A schema'd envelope. */
final class StructChangeEvent extends ChangeEvent {

  private static final String ENVELOPE_SUFFIX = ".Envelope";

  private final Struct envelope;

  StructChangeEvent(Struct envelope) {
    this.envelope = envelope;
  }

  /** Debezium's own test: the value schema's name ends in {@code .Envelope}. */
  static boolean isEnvelope(Schema schema) {
    return schema.name() != null && schema.name().endsWith(ENVELOPE_SUFFIX);
  }

  @Override
  String problem() {
    String missing = missingFieldProblem(envelope.schema());
    if (missing != null) {
      return missing;
    }
    for (String name : new String[] {BEFORE, AFTER}) {
      Schema row = envelope.schema().field(name).schema();
      if (row.type() != Schema.Type.STRUCT) {
        return "has a '" + name + "' of type " + row.type() + ", not a row struct";
      }
    }
    Object op = envelope.getWithoutDefault(OP);
    if (!(op instanceof String text) || text.isEmpty()) {
      return "has no operation: 'op' is " + (op == null ? "null" : "'" + op + "'");
    }
    return null;
  }

  @Override
  public String op() {
    return (String) envelope.getWithoutDefault(OP);
  }

  @Override
  public SchemaAndValue before() {
    return row(BEFORE);
  }

  @Override
  public SchemaAndValue after() {
    return row(AFTER);
  }

  private SchemaAndValue row(String name) {
    return new SchemaAndValue(envelope.schema().field(name).schema(), envelope.getWithoutDefault(name));
  }

  @Override
  public Optional<SchemaAndValue> metadata(MetadataField ref) {
    Schema schema = envelope.schema();
    Field parent = ref.struct() == null ? null : schema.field(ref.struct());
    if (ref.struct() == null || (parent != null && hasField(parent.schema(), ref.field()))) {
      Struct holder = ref.struct() == null ? envelope : (Struct) envelope.getWithoutDefault(ref.struct());
      Schema holderSchema = ref.struct() == null ? schema : parent.schema();
      Field field = holderSchema.field(ref.field());
      if (field != null) {
        Object value = holder == null ? null : holder.getWithoutDefault(ref.field());
        return Optional.of(optional(field.schema(), value));
      }
      return Optional.empty();
    }
    Field top = schema.field(ref.field());
    if (top == null) {
      return Optional.empty();
    }
    return Optional.of(optional(top.schema(), envelope.getWithoutDefault(ref.field())));
  }

  /** The value under an optional copy of its schema; a nested struct (e.g. all of {@code source}) is re-homed. */
  private static SchemaAndValue optional(Schema schema, Object value) {
    Schema copy = Schemas.optionalCopy(schema);
    if (value instanceof Struct struct) {
      Struct rehomed = new Struct(copy);
      for (Field field : struct.schema().fields()) {
        rehomed.put(field.name(), struct.getWithoutDefault(field.name()));
      }
      value = rehomed;
    }
    return new SchemaAndValue(copy, value);
  }

  private static boolean hasField(Schema schema, String name) {
    return schema.type() == Schema.Type.STRUCT && schema.field(name) != null;
  }
}
