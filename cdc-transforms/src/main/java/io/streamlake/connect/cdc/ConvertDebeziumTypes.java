package io.streamlake.connect.cdc;

import io.streamlake.common.Version;
import io.streamlake.connect.cdc.config.ConvertDebeziumTypesConfig;
import io.streamlake.connect.cdc.envelope.RecordCoordinates;
import io.streamlake.connect.cdc.types.DebeziumTypes;
import io.streamlake.connect.cdc.types.SchemaConverter;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Converts Debezium semantic types ({@code io.debezium.time.*}, {@code VariableScaleDecimal}) in the key and value
 * schemas to Connect logical types (Date, Time, Timestamp, Decimal), so that format writers such as Parquet get
 * real DATE/TIME/TIMESTAMP/DECIMAL columns. Works before or after {@link ExtractNewRecordState}. Schemaless
 * records carry no type names and pass through unchanged, as do records with nothing to convert.
 */
public class ConvertDebeziumTypes<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

  private SchemaConverter converter;

  @Override
  public void configure(Map<String, ?> configs) {
    converter = new SchemaConverter(DebeziumTypes.of(new ConvertDebeziumTypesConfig(configs)));
  }

  @Override
  public R apply(R record) {
    Schema keySchema = converter.schema(record.keySchema());
    Schema valueSchema = converter.schema(record.valueSchema());
    if (keySchema == record.keySchema() && valueSchema == record.valueSchema()) {
      return record;
    }
    try {
      Object key = converter.value(record.keySchema(), keySchema, record.key(), "key");
      Object value = converter.value(record.valueSchema(), valueSchema, record.value(), "value");
      return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key, valueSchema, value,
          record.timestamp());
    } catch (DataException | ClassCastException e) {
      throw new DataException("Cannot convert Debezium types of " + RecordCoordinates.describe(record) + ": "
          + e.getMessage(), e);
    }
  }

  /** The bundle version, shown by the worker's plugin listing. */
  @Override
  public String version() {
    return Version.of(getClass());
  }

  @Override
  public ConfigDef config() {
    return ConvertDebeziumTypesConfig.CONFIG_DEF;
  }

  @Override
  public void close() {
    // Nothing to release: the schema cache is per instance.
  }
}
