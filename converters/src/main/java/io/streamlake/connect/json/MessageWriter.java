package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * {@code fromConnectData}: a schema and value to one message's bytes, with schemas as the envelope
 * {@code {"schema": S, "payload": P}} (S written from the schema cache) or as the bare payload.
 */
final class MessageWriter {

  private final JsonFactory factory;
  private final boolean schemasEnabled;
  private final SchemaWriter schemas;
  private final ValueWriter values;

  MessageWriter(JsonFactory factory, boolean schemasEnabled, SchemaWriter schemas, ValueWriter values) {
    this.factory = factory;
    this.schemasEnabled = schemasEnabled;
    this.schemas = schemas;
    this.values = values;
  }

  byte[] write(Schema schema, Object value) {
    if (schema == null && value == null) {
      return null;
    }
    try {
      // The schema's JSON first: its errors (a bad default) come before the payload's, as in JsonConverter.
      SerializedString schemaJson = schemasEnabled ? schemas.json(schema) : null;
      ByteArrayBuilder out = new ByteArrayBuilder(256);
      try (JsonGenerator g = factory.createGenerator(out)) {
        if (schemasEnabled) {
          g.writeStartObject();
          g.writeFieldName("schema");
          g.writeRawValue(schemaJson);
          g.writeFieldName("payload");
          values.write(g, schema, value);
          g.writeEndObject();
        } else {
          values.write(g, schema, value);
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new DataException("Converting Kafka Connect data to byte[] failed due to serialization error: ", e);
    }
  }
}
