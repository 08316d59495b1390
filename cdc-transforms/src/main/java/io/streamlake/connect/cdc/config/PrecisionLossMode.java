package io.streamlake.connect.cdc.config;

/** What {@code ConvertDebeziumTypes} does when the target logical type cannot hold every digit. */
public enum PrecisionLossMode implements WireEnum {
  /**
   * Drop the digits the target cannot hold: temporal values are floored to the millisecond (toward the
   * past, also before 1970), decimals are cut toward zero to the target scale. The default.
   */
  TRUNCATE("truncate"),
  /** Raise a DataException naming the field and value instead of losing any digit. */
  FAIL("fail");

  private final String wire;

  PrecisionLossMode(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
