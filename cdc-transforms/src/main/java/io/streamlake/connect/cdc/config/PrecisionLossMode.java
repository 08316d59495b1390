package io.streamlake.connect.cdc.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** What {@code ConvertDebeziumTypes} does when the target logical type cannot hold every digit. */
public enum PrecisionLossMode implements Choice {
  /**
   * Drop the digits the target cannot hold: temporal values are floored to the millisecond (toward the
   * past, also before 1970), decimals are cut toward zero to the target scale. The default.
   */
  TRUNCATE("truncate"),
  /** Raise a DataException naming the field and value instead of losing any digit. */
  FAIL("fail");

  private final Spelling spelling;

  PrecisionLossMode(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
