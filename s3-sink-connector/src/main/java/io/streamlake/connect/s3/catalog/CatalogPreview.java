package io.streamlake.connect.s3.catalog;

import io.streamlake.connect.s3.config.S3SinkConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * What the sink would put in the Glue Data Catalog for a connector configuration and a value schema, without
 * calling AWS: the entry point of the CLI's {@code catalog} command, which loads it from the plugin ZIP so the
 * table it prints is built by the same code the connector runs. Only JDK and Connect API types cross.
 */
public final class CatalogPreview {

  private CatalogPreview() {}

  /**
   * @param connectorConfig the connector's configuration (glue.enabled is implied)
   * @param topic the topic whose table to build
   * @param valueSchema the schema of the topic's values
   * @return {@code database}, {@code table}, {@code ddl} (Athena) and {@code tableInput} (Glue JSON)
   * @throws org.apache.kafka.common.config.ConfigException for an invalid configuration
   * @throws CatalogException when no table can hold the schema or the partitioning
   */
  public static Map<String, String> render(Map<String, String> connectorConfig, String topic, Schema valueSchema) {
    Map<String, String> props = new LinkedHashMap<>(connectorConfig);
    props.put(S3SinkConfig.GLUE_ENABLED_CONFIG, "true");
    TableDefinition table = new TableBuilder(new S3SinkConfig(props)).build(topic, valueSchema);
    Map<String, String> out = new LinkedHashMap<>();
    out.put("database", table.database());
    out.put("table", table.name());
    out.put("ddl", TableRendering.athenaDdl(table));
    out.put("tableInput", TableRendering.tableInputJson(table));
    return out;
  }

  /**
   * The Glue table name the sink gives {@code topic} under the {@code glue.table.name} template {@code template}
   * (lower case, Glue-legal characters, at most 255): the CLI's IAM policy names exactly these tables.
   */
  public static String tableName(String template, String topic) {
    return S3SinkConfig.glueTableName(template, topic);
  }
}
