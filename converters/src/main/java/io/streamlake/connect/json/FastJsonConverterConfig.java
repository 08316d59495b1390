package io.streamlake.connect.json;

import io.streamlake.common.config.Choices;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.connect.storage.ConverterConfig;

/**
 * Options of {@link FastJsonConverter}: the names, types, defaults and accepted values of Kafka's
 * {@code JsonConverterConfig}, so that a {@code key.converter.}/{@code value.converter.}/{@code header.converter.}
 * block written for JsonConverter works unchanged. {@code converter.type} comes from Connect's
 * {@link ConverterConfig}, as it does for JsonConverter.
 */
public final class FastJsonConverterConfig extends ConverterConfig {

  public static final String SCHEMAS_ENABLE_CONFIG = "schemas.enable";
  public static final boolean SCHEMAS_ENABLE_DEFAULT = true;
  private static final String SCHEMAS_ENABLE_DOC = "true: every message is an envelope {\"schema\": ..., "
      + "\"payload\": ...} and records carry Connect schemas. false: messages are plain JSON, read without a schema "
      + "(objects become maps, integers longs, other numbers doubles) and written without an envelope.";

  public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.size";
  public static final int SCHEMAS_CACHE_SIZE_DEFAULT = 1000;
  private static final String SCHEMAS_CACHE_SIZE_DOC = "How many schemas each converter instance keeps, in each "
      + "direction: parsed schemas keyed by the exact bytes of the message's \"schema\" object, and the JSON of "
      + "Connect schemas written. Least recently used entries are dropped first.";

  public static final String DECIMAL_FORMAT_CONFIG = "decimal.format";
  public static final String DECIMAL_FORMAT_DEFAULT = DecimalFormat.BASE64.name();
  private static final String DECIMAL_FORMAT_DOC = "How Connect Decimal values are written. BASE64 (default): the "
      + "unscaled value's bytes as a base64 string. NUMERIC: a JSON number. Either form is read whatever the setting.";

  public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
  public static final boolean REPLACE_NULL_WITH_DEFAULT_DEFAULT = true;
  private static final String REPLACE_NULL_WITH_DEFAULT_DOC = "true: a null (or missing) value whose schema has a "
      + "default becomes the default, in both directions. false: it stays null (a required field then fails).";

  /** The single source of truth for the options (and the README's table). */
  public static final ConfigDef CONFIG_DEF = newConfigDef()
      .define(SCHEMAS_ENABLE_CONFIG, Type.BOOLEAN, SCHEMAS_ENABLE_DEFAULT, Importance.HIGH, SCHEMAS_ENABLE_DOC,
          "Schemas", 0, Width.MEDIUM, "Enable Schemas")
      .define(SCHEMAS_CACHE_SIZE_CONFIG, Type.INT, SCHEMAS_CACHE_SIZE_DEFAULT, Importance.HIGH,
          SCHEMAS_CACHE_SIZE_DOC, "Schemas", 1, Width.MEDIUM, "Schema Cache Size")
      .define(DECIMAL_FORMAT_CONFIG, Type.STRING, DECIMAL_FORMAT_DEFAULT, Choices.validator(DecimalFormat.class), Importance.LOW,
          DECIMAL_FORMAT_DOC, "Serialization", 0, Width.MEDIUM, "Decimal Format")
      .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, Type.BOOLEAN, REPLACE_NULL_WITH_DEFAULT_DEFAULT, Importance.LOW,
          REPLACE_NULL_WITH_DEFAULT_DOC, "Serialization", 1, Width.MEDIUM, "Replace null with default");

  private final boolean schemasEnabled;
  private final int schemaCacheSize;
  private final DecimalFormat decimalFormat;
  private final boolean replaceNullWithDefault;

  public FastJsonConverterConfig(Map<String, ?> props) {
    super(CONFIG_DEF, props);
    schemasEnabled = getBoolean(SCHEMAS_ENABLE_CONFIG);
    schemaCacheSize = getInt(SCHEMAS_CACHE_SIZE_CONFIG);
    decimalFormat = Choices.parse(DecimalFormat.class, DECIMAL_FORMAT_CONFIG, getString(DECIMAL_FORMAT_CONFIG));
    replaceNullWithDefault = getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
  }

  public boolean schemasEnabled() {
    return schemasEnabled;
  }

  public int schemaCacheSize() {
    return schemaCacheSize;
  }

  public DecimalFormat decimalFormat() {
    return decimalFormat;
  }

  public boolean replaceNullWithDefault() {
    return replaceNullWithDefault;
  }
}
