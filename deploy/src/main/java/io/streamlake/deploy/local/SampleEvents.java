package io.streamlake.deploy.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sample records the demo produces: event number {@code sequence} at {@code timestampMs}, as Kafka bytes. */
interface SampleEvents {

  byte[] key(long sequence);

  byte[] value(long sequence, long timestampMs);

  /** What one event is, for the progress output ("order events", "Debezium change events"). */
  String description();

  /** A value as JsonConverter reads it with {@code schemas.enable=true}: {@code {"schema": ..., "payload": ...}}. */
  static byte[] withSchema(ObjectMapper json, ObjectNode schema, ObjectNode payload) {
    ObjectNode envelope = json.createObjectNode();
    envelope.set("schema", schema);
    envelope.set("payload", payload);
    try {
      return json.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
