package io.streamlake.connect.cdc.envelope;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.SchemaAndValue;

/** A schemaless envelope, as JsonConverter with {@code schemas.enable=false} delivers it. */
final class MapChangeEvent extends ChangeEvent {

  private final Map<?, ?> envelope;

  MapChangeEvent(Map<?, ?> envelope) {
    this.envelope = envelope;
  }

  /** A map carrying a row slot ({@code before} or {@code after}) and an event marker ({@code op} or {@code source}). */
  static boolean isEnvelope(Map<?, ?> map) {
    return (map.containsKey(BEFORE) || map.containsKey(AFTER)) && (map.containsKey(OP) || map.containsKey(SOURCE));
  }

  @Override
  String problem() {
    Object op = envelope.get(OP);
    if (!(op instanceof String text) || text.isEmpty()) {
      return "has no operation: 'op' is " + (op == null ? "missing or null" : "'" + op + "'");
    }
    for (String name : new String[] {BEFORE, AFTER}) {
      Object row = envelope.get(name);
      if (row != null && !(row instanceof Map)) {
        return "has a '" + name + "' that is not a row but a " + row.getClass().getSimpleName();
      }
    }
    return null;
  }

  @Override
  public String op() {
    return (String) envelope.get(OP);
  }

  @Override
  public SchemaAndValue before() {
    return new SchemaAndValue(null, envelope.get(BEFORE));
  }

  @Override
  public SchemaAndValue after() {
    return new SchemaAndValue(null, envelope.get(AFTER));
  }

  @Override
  public Optional<SchemaAndValue> metadata(MetadataField ref) {
    if (ref.struct() != null) {
      Object parent = envelope.get(ref.struct());
      if (parent instanceof Map<?, ?> nested && nested.containsKey(ref.field())) {
        return Optional.of(new SchemaAndValue(null, nested.get(ref.field())));
      }
      if (parent == null && envelope.containsKey(ref.struct()) && !envelope.containsKey(ref.field())) {
        // A null struct (e.g. transaction during a snapshot): the field exists but carries no value.
        return Optional.of(new SchemaAndValue(null, null));
      }
    }
    if (envelope.containsKey(ref.field())) {
      return Optional.of(new SchemaAndValue(null, envelope.get(ref.field())));
    }
    return Optional.empty();
  }
}
