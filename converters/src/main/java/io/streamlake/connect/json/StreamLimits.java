package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.kafka.connect.errors.DataException;

/**
 * The read limits of Jackson 2.15+'s default {@code StreamReadConstraints}, which Kafka 3.7's JsonConverter runs
 * under on the worker (Jackson 2.16.2), enforced here because the plugin's own Jackson (2.14) has none: a message
 * nested deeper than 1,000 levels, or with a number of more than 1,000 digits, or a field name longer than 50,000
 * characters, fails as a {@link DataException} with either converter (instead of a StackOverflowError here).
 */
final class StreamLimits {

  static final int MAX_DEPTH = 1000;
  static final int MAX_NUMBER_LENGTH = 1000;
  static final int MAX_NAME_LENGTH = 50_000;

  private StreamLimits() {}

  /** Called when a container opens at {@code depth} (the root container is at depth 1). */
  static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw limit("the JSON is nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  /** Called on every number token. */
  static void checkNumber(JsonParser p) throws IOException {
    if (p.getTextLength() <= MAX_NUMBER_LENGTH) {
      return;
    }
    int digits = 0;
    char[] text = p.getTextCharacters();
    int end = p.getTextOffset() + p.getTextLength();
    for (int i = p.getTextOffset(); i < end; i++) {
      char c = text[i];
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    if (digits > MAX_NUMBER_LENGTH) {
      throw limit("a number has more than " + MAX_NUMBER_LENGTH + " digits");
    }
  }

  /** Called on every field name. */
  static void checkName(String name) {
    if (name.length() > MAX_NAME_LENGTH) {
      throw limit("a field name is longer than " + MAX_NAME_LENGTH + " characters");
    }
  }

  /** Whether an exception is a limit violation (never held back or retried as a conversion error). */
  static boolean isLimit(DataException e) {
    return e.getCause() instanceof LimitExceeded;
  }

  private static DataException limit(String what) {
    String message = "Converting byte[] to Kafka Connect data failed: " + what;
    return new DataException(message, new LimitExceeded(message));
  }

  /** The cause that marks a limit violation; the exception thrown is a plain DataException, as JsonConverter's. */
  private static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Skips the value at the parser's current token (a whole object or array, or one scalar), checking the limits
   * on everything inside. {@code depth} is the number of containers around the value.
   */
  static void skip(JsonParser p, int depth) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      checkNumber(p);
      return;
    }
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return;
    }
    int level = depth + 1;
    checkDepth(level);
    int open = 1;
    while (open > 0) {
      t = p.nextToken();
      if (t == null) {
        throw new DataException("Converting byte[] to Kafka Connect data failed: unexpected end of input");
      }
      switch (t) {
        case START_OBJECT, START_ARRAY -> {
          open++;
          checkDepth(level + open - 1);
        }
        case END_OBJECT, END_ARRAY -> open--;
        case FIELD_NAME -> checkName(p.currentName());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> checkNumber(p);
        default -> { }
      }
    }
  }
}
