package io.streamlake.connect.s3.record;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a record into the row its file holds, after the partitioner and timestamp extractor read the record
 * itself. {@link #PLAIN} keeps the record (the file holds its value); {@link Envelopes} wraps key, value,
 * headers and coordinates ({@code store.envelope=true}).
 */
@FunctionalInterface
public interface RowShape {

  RowShape PLAIN = (record, fileSchema) -> record;

  /**
   * The row to write for {@code record}.
   *
   * @param fileSchema the row schema of the files the row would join (the open epoch's), null when none is open
   * @throws org.apache.kafka.connect.errors.DataException when the record cannot become a row
   */
  SinkRecord row(SinkRecord record, Schema fileSchema);
}
