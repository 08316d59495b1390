package io.streamlake.connect.json;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * How a Connect {@code Decimal} is written: {@code decimal.format}, with JsonConverter's values. Parsed by the
 * common {@code Choices}, which ignores case as JsonConverter does ({@code numeric} is {@code NUMERIC}).
 */
public enum DecimalFormat implements Choice {
  /** The unscaled value's two's-complement bytes as a base64 string (the default, as JsonConverter). */
  BASE64("BASE64"),
  /** A JSON number with the decimal's exact digits and scale. */
  NUMERIC("NUMERIC");

  private final Spelling spelling;

  DecimalFormat(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
