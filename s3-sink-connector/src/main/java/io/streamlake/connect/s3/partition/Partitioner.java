package io.streamlake.connect.s3.partition;

import org.apache.kafka.connect.sink.SinkRecord;

/** Maps a record to the encoded partition part of its S3 key (between the topic and the file name). */
public interface Partitioner {

  /**
   * @param record the record
   * @param timestamp the record's time in epoch milliseconds from the configured extractor
   * @return path segments joined by {@code /}, without leading or trailing slash
   * @throws org.apache.kafka.connect.errors.DataException when the record lacks what the partitioner needs
   */
  String encode(SinkRecord record, long timestamp);
}
