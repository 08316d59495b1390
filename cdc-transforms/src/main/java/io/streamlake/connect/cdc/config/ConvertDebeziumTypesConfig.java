package io.streamlake.connect.cdc.config;

import io.streamlake.common.config.Choices;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Options of {@code ConvertDebeziumTypes}, validated in the constructor. */
public final class ConvertDebeziumTypesConfig {

  public static final String PRECISION_LOSS_MODE_CONFIG = "precision.loss.mode";
  public static final String PRECISION_LOSS_MODE_DEFAULT = PrecisionLossMode.TRUNCATE.wireName();
  public static final String PRECISION_LOSS_MODE_DOC = "What happens to digits the Connect type cannot hold. "
      + "Connect Timestamp and Time count milliseconds, so MicroTimestamp, NanoTimestamp, MicroTime, NanoTime, "
      + "ZonedTimestamp and ZonedTime values lose their sub-millisecond digits; variable-scale decimals lose "
      + "digits beyond variable.scale.decimal.scale. truncate (default): drop them (times are floored to the "
      + "millisecond, toward the past also before 1970; decimals are cut toward zero). fail: raise a "
      + "DataException naming the field and value, which Connect's error handling can route to a dead letter "
      + "queue.";

  public static final String VARIABLE_SCALE_DECIMAL_SCALE_CONFIG = "variable.scale.decimal.scale";
  public static final int VARIABLE_SCALE_DECIMAL_SCALE_DEFAULT = 10;
  public static final String VARIABLE_SCALE_DECIMAL_SCALE_DOC = "Scale of the Connect Decimal that Debezium's "
      + "VariableScaleDecimal (a struct of scale and unscaled bytes, e.g. PostgreSQL NUMERIC without a declared "
      + "scale) becomes. Values with fewer digits are padded exactly; more digits are handled by "
      + "precision.loss.mode.";

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(PRECISION_LOSS_MODE_CONFIG, Type.STRING, PRECISION_LOSS_MODE_DEFAULT,
          Choices.validator(PrecisionLossMode.class), Importance.MEDIUM, PRECISION_LOSS_MODE_DOC)
      .define(VARIABLE_SCALE_DECIMAL_SCALE_CONFIG, Type.INT, VARIABLE_SCALE_DECIMAL_SCALE_DEFAULT,
          Range.between(0, 1000), Importance.LOW, VARIABLE_SCALE_DECIMAL_SCALE_DOC);

  private final PrecisionLossMode precisionLossMode;
  private final int variableScaleDecimalScale;

  /**
   * Parses and validates.
   *
   * @throws ConfigException naming the option and its accepted values
   */
  public ConvertDebeziumTypesConfig(Map<String, ?> originals) {
    AbstractConfig parsed = new AbstractConfig(CONFIG_DEF, originals, false);
    this.precisionLossMode = Choices.parse(PrecisionLossMode.class, PRECISION_LOSS_MODE_CONFIG,
        parsed.getString(PRECISION_LOSS_MODE_CONFIG));
    this.variableScaleDecimalScale = parsed.getInt(VARIABLE_SCALE_DECIMAL_SCALE_CONFIG);
  }

  public PrecisionLossMode precisionLossMode() {
    return precisionLossMode;
  }

  public int variableScaleDecimalScale() {
    return variableScaleDecimalScale;
  }
}
