package io.streamlake.connect.s3.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A table as an Athena {@code CREATE EXTERNAL TABLE} statement and as Glue's {@code TableInput} JSON (for
 * {@code aws glue create-table --table-input}), both from the same {@link TableDefinition} the sink writes.
 */
public final class TableRendering {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TableRendering() {}

  /** The Athena DDL (Hive dialect): columns, keys, SerDe, formats, location and every table property. */
  public static String athenaDdl(TableDefinition table) {
    StringBuilder ddl = new StringBuilder();
    ddl.append("CREATE EXTERNAL TABLE `").append(table.database()).append("`.`").append(table.name()).append("` (\n");
    ddl.append(columns(table.columns())).append("\n)\n");
    if (!table.partitionKeys().isEmpty()) {
      ddl.append("PARTITIONED BY (\n").append(columns(table.partitionKeys())).append("\n)\n");
    }
    ddl.append("ROW FORMAT SERDE '").append(table.serde().library()).append("'\n");
    if (!table.serde().parameters().isEmpty()) {
      ddl.append("WITH SERDEPROPERTIES (\n").append(properties(table.serde().parameters())).append("\n)\n");
    }
    ddl.append("STORED AS INPUTFORMAT '").append(table.serde().inputFormat()).append("'\n");
    ddl.append("OUTPUTFORMAT '").append(table.serde().outputFormat()).append("'\n");
    ddl.append("LOCATION '").append(table.location()).append("'\n");
    Map<String, String> parameters = new TreeMap<>(table.parameters());
    parameters.remove("EXTERNAL"); // implied by CREATE EXTERNAL TABLE
    if (!parameters.isEmpty()) {
      ddl.append("TBLPROPERTIES (\n").append(properties(parameters)).append("\n)");
    }
    return ddl.append(";").toString();
  }

  /** Glue's {@code TableInput} as JSON, in the API's field names. */
  public static String tableInputJson(TableDefinition table) {
    Map<String, Object> serde = new LinkedHashMap<>();
    serde.put("SerializationLibrary", table.serde().library());
    serde.put("Parameters", new TreeMap<>(table.serde().parameters()));
    Map<String, Object> storage = new LinkedHashMap<>();
    storage.put("Columns", glueColumns(table.columns()));
    storage.put("Location", table.location());
    storage.put("InputFormat", table.serde().inputFormat());
    storage.put("OutputFormat", table.serde().outputFormat());
    storage.put("SerdeInfo", serde);
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("Name", table.name());
    input.put("TableType", "EXTERNAL_TABLE");
    input.put("PartitionKeys", glueColumns(table.partitionKeys()));
    input.put("StorageDescriptor", storage);
    input.put("Parameters", new TreeMap<>(table.parameters()));
    try {
      return JSON.writeValueAsString(input);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Map<String, String>> glueColumns(List<HiveColumn> columns) {
    return columns.stream().map(c -> {
      Map<String, String> column = new LinkedHashMap<>();
      column.put("Name", c.name());
      column.put("Type", c.type());
      return column;
    }).toList();
  }

  private static String columns(List<HiveColumn> columns) {
    StringJoiner out = new StringJoiner(",\n");
    columns.forEach(c -> out.add("  `" + c.name() + "` " + c.type()));
    return out.toString();
  }

  private static String properties(Map<String, String> properties) {
    StringJoiner out = new StringJoiner(",\n");
    properties.forEach((k, v) -> out.add("  '" + quote(k) + "'='" + quote(v) + "'"));
    return out.toString();
  }

  private static String quote(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }
}
