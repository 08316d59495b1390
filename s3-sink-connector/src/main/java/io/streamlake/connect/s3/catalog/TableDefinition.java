package io.streamlake.connect.s3.catalog;

import java.util.List;
import java.util.Map;

/**
 * A Glue table as the sink wants it (or as Glue holds it): the part of Glue's {@code TableInput} the sink
 * manages. Comparing two definitions decides whether an update is needed.
 *
 * @param location {@code s3://bucket/topics.dir/topic/}
 * @param columns data columns, in order
 * @param partitionKeys partition columns, in path order
 * @param serde SerDe and input/output formats of the files
 * @param parameters table properties (classification, projection, {@code avro.schema.literal}, ...)
 * @param versionId Glue's version of a table read from Glue (for a conditional update); null for a wanted table
 */
public record TableDefinition(String database, String name, String location, List<HiveColumn> columns,
    List<HiveColumn> partitionKeys, SerDe serde, Map<String, String> parameters, String versionId) {

  public TableDefinition {
    columns = List.copyOf(columns);
    partitionKeys = List.copyOf(partitionKeys);
    parameters = Map.copyOf(parameters);
  }

  /** SerDe library and parameters, input and output format. */
  public record SerDe(String library, Map<String, String> parameters, String inputFormat, String outputFormat) {
    public SerDe {
      parameters = Map.copyOf(parameters);
    }
  }

  public TableDefinition withColumns(List<HiveColumn> newColumns, Map<String, String> newParameters, SerDe newSerde) {
    return new TableDefinition(database, name, location, newColumns, partitionKeys, newSerde, newParameters,
        versionId);
  }

  /** Same table content, ignoring the version. */
  public boolean sameContent(TableDefinition other) {
    return location.equals(other.location) && columns.equals(other.columns)
        && partitionKeys.equals(other.partitionKeys) && serde.equals(other.serde)
        && parameters.equals(other.parameters);
  }
}
