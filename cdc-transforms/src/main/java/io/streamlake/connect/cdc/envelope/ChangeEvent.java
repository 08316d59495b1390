package io.streamlake.connect.cdc.envelope;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * A Debezium change event read from a record value, schema'd ({@link Struct} whose schema name ends in
 * {@code .Envelope}) or schemaless ({@link Map} with {@code before}/{@code after} and {@code op}/{@code source}).
 */
public abstract sealed class ChangeEvent permits StructChangeEvent, MapChangeEvent {

  static final String BEFORE = "before";
  static final String AFTER = "after";
  static final String OP = "op";
  static final String SOURCE = "source";

  /**
   * Reads the record's value as a change event.
   *
   * @return empty when the value is not a change event (heartbeats, schema changes, plain rows, tombstones)
   * @throws DataException naming topic, partition and offset when it is an envelope without a usable op
   */
  public static Optional<ChangeEvent> of(ConnectRecord<?> record) {
    Object value = record.value();
    Schema schema = record.valueSchema();
    ChangeEvent event = null;
    if (schema != null && value instanceof Struct struct && StructChangeEvent.isEnvelope(schema)) {
      event = new StructChangeEvent(struct);
    } else if (schema == null && value instanceof Map<?, ?> map && MapChangeEvent.isEnvelope(map)) {
      event = new MapChangeEvent(map);
    }
    if (event == null) {
      return Optional.empty();
    }
    String problem = event.problem();
    if (problem != null) {
      throw new DataException("Debezium change event on " + RecordCoordinates.describe(record) + " " + problem);
    }
    return Optional.of(event);
  }

  /** The operation code: c, u, d, r, t (never null once {@link #of} returned the event). */
  public abstract String op();

  /** The row before the change; its value is null for creates, reads and truncates. */
  public abstract SchemaAndValue before();

  /** The row after the change; its value is null for deletes and truncates. */
  public abstract SchemaAndValue after();

  /**
   * Looks up an {@code add.fields}/{@code add.headers} value: first in its struct, then at the top level.
   *
   * @return the value with an optional copy of its schema (null schema when schemaless), or empty when the
   *     envelope has no such field
   */
  public abstract Optional<SchemaAndValue> metadata(MetadataField field);

  /** Why the envelope cannot be processed, or {@code null}. */
  abstract String problem();

  /** The first of op/before/after missing from an envelope schema, as a sentence fragment, or null. */
  static String missingFieldProblem(Schema schema) {
    for (String name : new String[] {OP, BEFORE, AFTER}) {
      Field field = schema.field(name);
      if (field == null) {
        return "has no '" + name + "' field in its schema " + schema.name();
      }
    }
    return null;
  }
}
