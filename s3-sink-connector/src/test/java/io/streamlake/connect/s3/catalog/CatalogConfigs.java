package io.streamlake.connect.s3.catalog;

import io.streamlake.connect.s3.config.S3SinkConfig;
import java.util.HashMap;
import java.util.Map;

/** Test fixtures: sink configurations with the Glue catalog on. */
final class CatalogConfigs {

  private CatalogConfigs() {}

  /** The seed guide's hourly Parquet sink with glue.enabled. */
  static Map<String, String> hourlyParquet() {
    Map<String, String> props = new HashMap<>();
    props.put("topics", "orders");
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "time");
    props.put("path.format", "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    props.put("partition.duration.ms", "3600000");
    props.put("timezone", "UTC");
    props.put("glue.enabled", "true");
    props.put("glue.database", "lake");
    return props;
  }

  static S3SinkConfig with(Map<String, String> props, String... keyValues) {
    Map<String, String> copy = new HashMap<>(props);
    for (int i = 0; i < keyValues.length; i += 2) {
      copy.put(keyValues[i], keyValues[i + 1]);
    }
    return new S3SinkConfig(copy);
  }
}
