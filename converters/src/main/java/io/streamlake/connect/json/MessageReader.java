package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * {@code toConnectData}: one message's bytes to a schema and value.
 *
 * <p>With schemas, the usual message {@code {"schema": S, "payload": P}} takes one pass: S's bytes are looked
 * up in the schema cache (tokenised, never built), then P is converted straight from the token stream. Any other
 * shape (payload first, a repeated or extra member) and any conversion error take the careful path, which reads
 * the envelope's members as spans and then converts the last "schema" and the last "payload" as JsonConverter's
 * tree would, so that the outcome, including the exception, is the same.
 */
final class MessageReader {

  static final String ENVELOPE_ERROR = "JsonConverter with schemas.enable requires \"schema\" and \"payload\" "
      + "fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set "
      + "schemas.enable=false in your converter configuration.";

  private static final byte[] SCHEMA = Bytes.ascii("\"schema\"");
  private static final byte[] PAYLOAD = Bytes.ascii("\"payload\"");

  private final JsonFactory factory;
  private final boolean schemasEnabled;
  private final ValueReader values;
  private final SchemaReader schemas;
  private final Spans spans;

  MessageReader(JsonFactory factory, boolean schemasEnabled, ValueReader values, SchemaReader schemas, Spans spans) {
    this.factory = factory;
    this.schemasEnabled = schemasEnabled;
    this.values = values;
    this.schemas = schemas;
    this.spans = spans;
  }

  SchemaAndValue read(byte[] message) {
    if (message == null) {
      return SchemaAndValue.NULL;
    }
    try {
      return readUtf8(message);
    } catch (IOException e) {
      throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error: ", e);
    }
  }

  private SchemaAndValue readUtf8(byte[] message) throws IOException {
    if (schemasEnabled) {
      SchemaAndValue known = readKnownSchema(message);
      if (known != null) {
        return known;
      }
    }
    try (JsonParser p = factory.createParser(message)) {
      JsonToken first = p.nextToken();
      if (first != null && p.getTokenLocation().getByteOffset() < 0) {
        // UTF-16 or UTF-32 (detected as Jackson does): spans need byte offsets, so read it as UTF-8.
        return readUtf8(Utf8Copy.of(factory, p));
      }
      if (!schemasEnabled) {
        return new SchemaAndValue(null, first == null ? null : values.read(p, null, 0));
      }
      if (first != JsonToken.START_OBJECT) {
        if (first != null) {
          StreamLimits.skip(p, 0);
        }
        throw new DataException(ENVELOPE_ERROR);
      }
      SchemaAndValue usual = readUsualEnvelope(p, message);
      return usual != null ? usual : readAnyEnvelope(message);
    }
  }

  /**
   * The quickest path, for {@code {"schema": S, "payload": {...}}} where S is byte for byte the schema of the
   * previous message: S is skipped without tokenising and the parser starts at the payload. {@code null} when
   * the message is not shaped so (the other paths then decide, errors included).
   */
  private SchemaAndValue readKnownSchema(byte[] message) throws IOException {
    int at = Bytes.expect(message, Bytes.skipSpaces(message, 0), '{');
    at = Bytes.expectName(message, at, SCHEMA);
    SchemaReader.Hit hit = at < 0 ? null : schemas.lastAt(message, at);
    if (hit == null) {
      return null;
    }
    at = Bytes.expect(message, at + hit.key().length(), ',');
    at = Bytes.expectName(message, at, PAYLOAD);
    if (at < 0 || at >= message.length || (message[at] != '{' && message[at] != '[')) {
      return null;
    }
    try (JsonParser p = factory.createParser(message, at, message.length - at)) {
      p.nextToken();
      Object value = values.read(p, hit.schema(), 1);
      int end = at + (int) p.getCurrentLocation().getByteOffset();
      return Bytes.expect(message, end, '}') < 0 ? null : new SchemaAndValue(hit.schema(), value);
    } catch (DataException e) {
      if (StreamLimits.isLimit(e)) {
        throw e;
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The one-pass path for {@code {"schema": S, "payload": P}}; {@code null} when the message is shaped otherwise. */
  private SchemaAndValue readUsualEnvelope(JsonParser p, byte[] message) throws IOException {
    if (!"schema".equals(p.nextFieldName())) {
      return null;
    }
    try {
      p.nextToken();
      Schema schema = schemas.read(message, Span.consume(p, 0, 1), 1);
      if (!"payload".equals(p.nextFieldName())) {
        return null;
      }
      p.nextToken();
      Object value = values.read(p, schema, 1);
      return p.nextToken() == JsonToken.END_OBJECT ? new SchemaAndValue(schema, value) : null;
    } catch (DataException e) {
      if (StreamLimits.isLimit(e)) {
        throw e;
      }
      return null;
    }
  }

  /** The envelope as a tree would see it: members by name, the last of repeated names, any order. */
  private SchemaAndValue readAnyEnvelope(byte[] message) throws IOException {
    Map<String, Span> members;
    try (JsonParser p = factory.createParser(message)) {
      p.nextToken();
      members = spans.members(message, Span.consume(p, 0, 0), 0);
    }
    Span schemaSpan = members.get("schema");
    Span payloadSpan = members.get("payload");
    if (members.size() != 2 || schemaSpan == null || payloadSpan == null) {
      throw new DataException(ENVELOPE_ERROR);
    }
    Schema schema = schemas.read(message, schemaSpan, 1);
    try (JsonParser p = spans.open(message, payloadSpan)) {
      return new SchemaAndValue(schema, values.read(p, schema, 1));
    }
  }
}
