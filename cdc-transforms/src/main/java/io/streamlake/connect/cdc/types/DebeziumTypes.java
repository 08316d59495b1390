package io.streamlake.connect.cdc.types;

import io.streamlake.connect.cdc.config.ConvertDebeziumTypesConfig;
import io.streamlake.connect.cdc.types.EpochConversion.Target;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;

/**
 * The Debezium semantic types that get a Connect logical type. Everything else (Connect Decimal, which already
 * is one; {@code io.debezium.data.Json}, {@code Uuid}, {@code Xml}, {@code Enum}, {@code Year}, durations) keeps
 * its schema and value.
 */
public final class DebeziumTypes {

  private final Map<String, TypeConversion> byName;

  private DebeziumTypes(List<TypeConversion> conversions) {
    this.byName = conversions.stream().collect(Collectors.toUnmodifiableMap(TypeConversion::debeziumName,
        Function.identity()));
  }

  /** The conversions for one transform's configuration. */
  public static DebeziumTypes of(ConvertDebeziumTypesConfig config) {
    PrecisionGuard guard = new PrecisionGuard(config.precisionLossMode());
    return new DebeziumTypes(List.of(
        EpochConversion.days("io.debezium.time.Date", guard),
        EpochConversion.units("io.debezium.time.Time", Target.TIME, 1, guard),
        EpochConversion.units("io.debezium.time.MicroTime", Target.TIME, 1_000, guard),
        EpochConversion.units("io.debezium.time.NanoTime", Target.TIME, 1_000_000, guard),
        EpochConversion.units("io.debezium.time.Timestamp", Target.TIMESTAMP, 1, guard),
        EpochConversion.units("io.debezium.time.MicroTimestamp", Target.TIMESTAMP, 1_000, guard),
        EpochConversion.units("io.debezium.time.NanoTimestamp", Target.TIMESTAMP, 1_000_000, guard),
        ZonedConversion.timestamp(guard),
        ZonedConversion.time(guard),
        new VariableScaleDecimalConversion(config.variableScaleDecimalScale(), guard)));
  }

  /** The conversion for a schema's semantic type, or {@code null} when it keeps its type. */
  TypeConversion forSchema(Schema schema) {
    return schema.name() == null ? null : byName.get(schema.name());
  }
}
