package io.streamlake.connect.s3.partition;

import io.streamlake.connect.s3.path.PathSegments;
import io.streamlake.connect.s3.record.FieldPath;
import io.streamlake.connect.s3.record.RecordLabel;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One {@code <name>=<value>} segment per configured field path (the last name of the path is used as the
 * segment name), read from the record value, with values encoded by {@link PathSegments}.
 */
public final class FieldPartitioner implements Partitioner {

  private final List<FieldPath> fields;

  public FieldPartitioner(List<String> fieldPaths) {
    this.fields = fieldPaths.stream().map(FieldPath::new).toList();
  }

  @Override
  public String encode(SinkRecord record, long timestamp) {
    StringJoiner joiner = new StringJoiner("/");
    for (FieldPath field : fields) {
      FieldPath.Lookup lookup = field.lookup(record.value());
      if (!lookup.found()) {
        throw new DataException("Partition field '" + field + "' (partition.field.name) is missing from the"
            + " value of " + RecordLabel.of(record));
      }
      String name = field.path().substring(field.path().lastIndexOf('.') + 1);
      joiner.add(PathSegments.encode(name) + "=" + PathSegments.encode(text(field, lookup.value(), record)));
    }
    return joiner.toString();
  }

  private static String text(FieldPath field, Object value, SinkRecord record) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value == null ? null : value.toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
    if (value instanceof java.util.Date date) {
      return Long.toString(date.getTime());
    }
    throw new DataException("Partition field '" + field + "' of " + RecordLabel.of(record) + " is a "
        + value.getClass().getSimpleName() + "; only strings, numbers, booleans, bytes and dates can name a path");
  }
}
