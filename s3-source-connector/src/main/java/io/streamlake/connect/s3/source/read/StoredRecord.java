package io.streamlake.connect.s3.source.read;

import java.util.List;
import org.apache.kafka.connect.data.Schema;

/**
 * One record as the sink stored it. offset -1 / timestamp null when the layout does not store them; headers empty
 * when not stored; keySchema/key null when keys are not stored. Schemas are null for JSON-lines content (schemaless,
 * as JsonConverter with {@code schemas.enable=false} gives it).
 */
public record StoredRecord(Schema keySchema, Object key, Schema valueSchema, Object value,
    List<StoredHeader> headers, long offset, Long timestamp) {}
