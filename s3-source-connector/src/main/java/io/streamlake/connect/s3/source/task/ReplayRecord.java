package io.streamlake.connect.s3.source.task;

import java.util.List;
import org.apache.kafka.connect.data.Schema;

/**
 * One record as a file reader returns it (the task's view of the reader API's {@code StoredRecord}).
 *
 * @param offset the original offset, -1 when the layout does not store it (plain files)
 * @param timestamp the original timestamp, null when none is stored
 */
public record ReplayRecord(Schema keySchema, Object key, Schema valueSchema, Object value, List<Header> headers,
    long offset, Long timestamp) {

  public ReplayRecord {
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** A header as stored: its key and raw bytes (null for a null value). */
  public record Header(String key, byte[] value) {
  }
}
