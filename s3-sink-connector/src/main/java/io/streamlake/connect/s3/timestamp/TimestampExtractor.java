package io.streamlake.connect.s3.timestamp;

import org.apache.kafka.connect.sink.SinkRecord;

/** Gives a record's time in epoch milliseconds, used by time partitioning and record-time rotation. */
public interface TimestampExtractor {

  /**
   * @throws org.apache.kafka.connect.errors.DataException when the record has no usable timestamp; the
   *     message names the field or header and the record's topic, partition and offset
   */
  long extract(SinkRecord record);
}
