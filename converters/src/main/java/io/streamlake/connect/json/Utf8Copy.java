package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import org.apache.kafka.connect.errors.DataException;

/**
 * The root value of a message in UTF-16 or UTF-32 (which Jackson detects and reads), written again as UTF-8 with
 * every token as it was (numbers by their text, repeated member names kept), for the readers that work on byte
 * offsets. Rare: Kafka JSON is UTF-8.
 */
final class Utf8Copy {

  private Utf8Copy() {}

  /** Copies from the parser's current token to the end of that value. */
  static byte[] of(JsonFactory factory, JsonParser p) throws IOException {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator g = factory.createGenerator(out)) {
      int open = 0;
      JsonToken t = p.currentToken();
      do {
        switch (t) {
          case START_OBJECT -> {
            open++;
            g.writeStartObject();
          }
          case START_ARRAY -> {
            open++;
            g.writeStartArray();
          }
          case END_OBJECT -> {
            open--;
            g.writeEndObject();
          }
          case END_ARRAY -> {
            open--;
            g.writeEndArray();
          }
          case FIELD_NAME -> g.writeFieldName(p.currentName());
          case VALUE_STRING -> g.writeString(p.getText());
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
          case VALUE_TRUE -> g.writeBoolean(true);
          case VALUE_FALSE -> g.writeBoolean(false);
          case VALUE_NULL -> g.writeNull();
          default -> throw new DataException("Unexpected JSON token " + t);
        }
      } while (open > 0 && (t = p.nextToken()) != null);
    }
    return out.toByteArray();
  }
}
