package io.streamlake.connect.s3.source.read;

import java.util.List;
import org.apache.kafka.connect.data.Schema;

/**
 * TEST-ONLY STAND-IN for the reader API of issue 18 spec section 3 (helper srcread writes the real one in
 * src/main). Delete this file when the read package is merged. One record as the sink stored it. offset -1 /
 * timestamp null when the layout does not store them; headers empty when not stored; keySchema/key null when keys
 * are not stored.
 */
public record StoredRecord(Schema keySchema, Object key, Schema valueSchema, Object value,
    List<StoredHeader> headers, long offset, Long timestamp) {}
