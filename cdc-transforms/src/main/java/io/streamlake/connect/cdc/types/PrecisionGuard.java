package io.streamlake.connect.cdc.types;

import io.streamlake.connect.cdc.config.PrecisionLossMode;
import org.apache.kafka.connect.errors.DataException;

/** Applies {@code precision.loss.mode} when a value has digits its target type cannot hold. */
final class PrecisionGuard {

  private final PrecisionLossMode mode;

  PrecisionGuard(PrecisionLossMode mode) {
    this.mode = mode;
  }

  /**
   * Called when digits would be dropped.
   *
   * @throws DataException in {@code fail} mode
   */
  void lost(String where, Object value, String typeName, String target) {
    if (mode == PrecisionLossMode.FAIL) {
      throw new DataException("Field '" + where + "' value " + value + " (" + typeName + ") has more precision than "
          + target + " holds; precision.loss.mode=fail");
    }
  }
}
