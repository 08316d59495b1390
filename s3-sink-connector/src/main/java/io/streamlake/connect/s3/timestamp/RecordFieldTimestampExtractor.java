package io.streamlake.connect.s3.timestamp;

import io.streamlake.connect.s3.config.TimeUnitChoice;
import io.streamlake.connect.s3.record.FieldPath;
import io.streamlake.connect.s3.record.RecordLabel;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** A field of the record value, at a nested path. */
public final class RecordFieldTimestampExtractor implements TimestampExtractor {

  private final FieldPath path;
  private final TimeUnitChoice unit;

  public RecordFieldTimestampExtractor(String path, TimeUnitChoice unit) {
    this.path = new FieldPath(path);
    this.unit = unit;
  }

  @Override
  public long extract(SinkRecord record) {
    FieldPath.Lookup lookup = path.lookup(record.value());
    if (!lookup.found()) {
      throw new DataException("Timestamp field '" + path + "' (timestamp.field) is missing from the value of "
          + RecordLabel.of(record));
    }
    Long millis = TimestampValues.toMillis(lookup.value(), lookup.schema(), unit);
    if (millis == null) {
      throw new DataException("Timestamp field '" + path + "' (timestamp.field) of " + RecordLabel.of(record)
          + " is " + describe(lookup.value()) + "; expected epoch " + unit.wireName()
          + ", an ISO-8601 string, a Connect Timestamp or a Debezium timestamp");
    }
    return millis;
  }

  private static String describe(Object value) {
    return value == null ? "null" : "a " + value.getClass().getSimpleName() + " that is not a timestamp";
  }
}
