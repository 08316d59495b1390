package io.streamlake.connect.s3.timestamp;

import io.streamlake.connect.s3.record.RecordLabel;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** The Kafka record timestamp. */
public final class RecordTimestampExtractor implements TimestampExtractor {

  @Override
  public long extract(SinkRecord record) {
    Long timestamp = record.timestamp();
    if (timestamp == null || timestamp < 0) {
      throw new DataException(RecordLabel.of(record) + " has no Kafka timestamp (timestamp.extractor=Record)");
    }
    return timestamp;
  }
}
