package io.streamlake.connect.gsr;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * AWS's {@code decimal.format} option of its JSON Schema converter: how a Connect Decimal is written into a JSON
 * payload. Reading accepts both forms whatever the setting.
 */
public enum DecimalFormat implements Choice {
  /** A JSON string: base64 of the unscaled value's two's-complement bytes (AWS's default). */
  BASE64("BASE64"),
  /** A JSON number with the Decimal's scale. */
  NUMERIC("NUMERIC");

  private final Spelling spelling;

  DecimalFormat(String wireName) {
    this.spelling = Spelling.of(wireName);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
