package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Where one JSON value sits in a message: its first token and its bytes {@code [from, to)}. Lets a value be
 * read later, in a different order than it was written (a schema after its payload, a schema's default after
 * its name), by a parser over just those bytes.
 */
record Span(JsonToken token, int from, int to) {

  /**
   * Consumes the value at the parser's current token and returns where it was.
   *
   * @param base where the parser's byte offset 0 is in the message
   * @param depth the number of containers around the value (for the limits)
   */
  static Span consume(JsonParser p, int base, int depth) throws IOException {
    JsonToken t = p.currentToken();
    int from = base + (int) p.getTokenLocation().getByteOffset();
    switch (t) {
      case START_OBJECT, START_ARRAY -> StreamLimits.skip(p, depth);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        StreamLimits.checkNumber(p);
        // A number's end is only known from its text: the parser may already have read the next character.
        return new Span(t, from, from + p.getTextLength());
      }
      case VALUE_STRING -> p.finishToken();
      default -> { }
    }
    return new Span(t, from, base + (int) p.getCurrentLocation().getByteOffset());
  }

  boolean isNull() {
    return token == JsonToken.VALUE_NULL;
  }
}
