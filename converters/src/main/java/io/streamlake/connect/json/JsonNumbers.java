package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A number token read the way JsonConverter's tree reads it: integers as int, long or BigInteger (whichever
 * holds them), every other number as an exact BigDecimal; then narrowed with Java's casts and
 * {@code Number} conversions, exactly as Jackson's {@code IntNode}/{@code LongNode}/{@code BigIntegerNode}/
 * {@code DecimalNode} do.
 */
final class JsonNumbers {

  private JsonNumbers() {}

  static boolean isNumber(JsonToken t) {
    return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
  }

  /** Jackson's {@code JsonNode.isInt()}: an integer that fits an int. */
  static boolean isInt(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
  }

  static int intValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().intValue();
    }
    return switch (p.getNumberType()) {
      case INT -> p.getIntValue();
      case LONG -> (int) p.getLongValue();
      default -> p.getBigIntegerValue().intValue();
    };
  }

  static long longValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().longValue();
    }
    return switch (p.getNumberType()) {
      case INT -> p.getIntValue();
      case LONG -> p.getLongValue();
      default -> p.getBigIntegerValue().longValue();
    };
  }

  static float floatValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().floatValue();
    }
    return switch (p.getNumberType()) {
      case INT -> (float) p.getIntValue();
      case LONG -> (float) p.getLongValue();
      default -> p.getBigIntegerValue().floatValue();
    };
  }

  static double doubleValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue().doubleValue();
    }
    return switch (p.getNumberType()) {
      case INT -> (double) p.getIntValue();
      case LONG -> (double) p.getLongValue();
      default -> p.getBigIntegerValue().doubleValue();
    };
  }

  static BigDecimal decimalValue(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDecimalValue();
    }
    return switch (p.getNumberType()) {
      case INT -> BigDecimal.valueOf(p.getIntValue());
      case LONG -> BigDecimal.valueOf(p.getLongValue());
      default -> new BigDecimal(p.getBigIntegerValue());
    };
  }
}
