package io.streamlake.connect.cdc.envelope;

import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Implements {@code route.by.field}: the topic becomes the value of a row field. */
public final class RecordRouter {

  private final String field;

  /** @param field the routing field, or {@code null} to keep every topic */
  public RecordRouter(String field) {
    this.field = field;
  }

  /**
   * The topic for a record whose routing row is {@code row}: the field's value (defaults apply, as with
   * Debezium), or the record's own topic when routing is off or the value is null or blank.
   *
   * @throws DataException naming the record when the row has no such string field
   */
  public String topic(ConnectRecord<?> record, SchemaAndValue row) {
    if (field == null) {
      return record.topic();
    }
    Object value;
    if (row.value() instanceof Struct struct) {
      Field schemaField = struct.schema().field(field);
      if (schemaField == null) {
        throw new DataException("route.by.field '" + field + "' is not a field of the row of "
            + RecordCoordinates.describe(record));
      }
      value = struct.get(schemaField);
    } else if (row.value() instanceof Map<?, ?> map) {
      value = map.get(field);
    } else {
      throw new DataException("route.by.field '" + field + "' needs a row, but " + RecordCoordinates.describe(record)
          + " has " + (row.value() == null ? "none" : row.value().getClass().getSimpleName()));
    }
    if (value != null && !(value instanceof String)) {
      throw new DataException("route.by.field '" + field + "' of " + RecordCoordinates.describe(record)
          + " is a " + value.getClass().getSimpleName() + ", not a string");
    }
    String topic = (String) value;
    return topic == null || topic.isBlank() ? record.topic() : topic;
  }
}
