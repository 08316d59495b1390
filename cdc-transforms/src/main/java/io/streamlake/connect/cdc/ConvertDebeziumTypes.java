package io.streamlake.connect.cdc;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

/** Debezium semantic types to Connect logical types (skeleton: passes records through until the implementation lands). */
public class ConvertDebeziumTypes<R extends ConnectRecord<R>> implements Transformation<R> {

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public R apply(R record) {
    return record;
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public void close() {}
}
