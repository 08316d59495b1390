package io.streamlake.connect.s3.timestamp;

import io.streamlake.connect.s3.config.TimeUnitChoice;
import io.streamlake.connect.s3.record.RecordLabel;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/** The last header of the configured name: epoch milliseconds or an ISO-8601 string. */
public final class HeaderTimestampExtractor implements TimestampExtractor {

  private final String header;

  public HeaderTimestampExtractor(String header) {
    this.header = header;
  }

  @Override
  public long extract(SinkRecord record) {
    Header last = record.headers().lastWithName(header);
    if (last == null) {
      throw new DataException("Timestamp header '" + header + "' (timestamp.header.name) is missing from "
          + RecordLabel.of(record));
    }
    Object value = last.value() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : last.value();
    Long millis = TimestampValues.toMillis(value, last.schema(), TimeUnitChoice.MILLISECONDS);
    if (millis == null) {
      throw new DataException("Timestamp header '" + header + "' (timestamp.header.name) of "
          + RecordLabel.of(record) + " is not epoch milliseconds or an ISO-8601 string");
    }
    return millis;
  }
}
