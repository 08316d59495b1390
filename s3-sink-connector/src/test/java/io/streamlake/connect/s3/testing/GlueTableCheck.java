package io.streamlake.connect.s3.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks a Glue table (as GetTable returns it) against the Parquet files it describes: every file lies under a
 * prefix its partition projection generates ({@link ProjectionCheck}), and its columns and partition keys are
 * what DuckDB reads from the files with {@code hive_partitioning=true} ({@link DuckDbColumns}).
 */
public final class GlueTableCheck {

  private GlueTableCheck() {}

  /** Data columns, then partition keys, as name to type. */
  public static Map<String, String> columns(JsonNode table) {
    Map<String, String> columns = new LinkedHashMap<>();
    table.path("StorageDescriptor").path("Columns").forEach(c -> columns.put(c.get("Name").asText(), c.get("Type").asText()));
    table.path("PartitionKeys").forEach(c -> columns.put(c.get("Name").asText(), c.get("Type").asText()));
    return columns;
  }

  /**
   * Copies the Parquet objects {@code keys} of {@code bucket} to {@code scratch} and compares.
   *
   * @param read an object's bytes by key (from whichever S3 endpoint the test runs)
   * @return DuckDB's columns, for reports
   */
  public static Map<String, String> assertParquetTableMatches(JsonNode table, Function<String, byte[]> read,
      String bucket, List<String> keys, Path scratch) throws IOException, SQLException {
    ProjectionCheck projection = new ProjectionCheck(table);
    assertThat(keys).isNotEmpty();
    for (String key : keys) {
      assertThat(projection.problem(bucket, key)).as("object %s under the table's projection", key).isNull();
      Path file = scratch.resolve(bucket).resolve(key);
      Files.createDirectories(file.getParent());
      Files.write(file, read.apply(key));
    }
    String location = table.path("StorageDescriptor").path("Location").asText();
    String prefix = location.substring(("s3://" + bucket + "/").length());
    Map<String, String> duck = DuckDbColumns.describe("SELECT * FROM read_parquet('" + scratch.resolve(bucket)
        .resolve(prefix) + "/**/*.parquet', hive_partitioning=true, union_by_name=true)");
    assertThat(columns(table)).as("Glue columns of %s vs DuckDB's reading of its files", location)
        .isEqualTo(asGlueWouldRead(table, duck, keys));
    return duck;
  }

  /**
   * DuckDB infers a partition key's type from the values present: {@code month=07} reads as VARCHAR, but when
   * every file happens to be in {@code month=10..12} it reads BIGINT. The table types a zero-padded key (a
   * projection with {@code digits}) as string whatever the values of the day; this maps DuckDB's BIGINT back to
   * string for such a key only when no value seen has a leading zero (the one case the inference differs).
   */
  public static Map<String, String> asGlueWouldRead(JsonNode table, Map<String, String> duck, List<String> keys) {
    Map<String, String> adjusted = new LinkedHashMap<>(duck);
    for (JsonNode key : table.path("PartitionKeys")) {
      String name = key.get("Name").asText();
      boolean padded = table.path("Parameters").has("projection." + name + ".digits");
      boolean noLeadingZero = keys.stream().noneMatch(k -> k.contains("/" + name + "=0"));
      if (padded && noLeadingZero && "bigint".equals(duck.get(name)) && "string".equals(key.get("Type").asText())) {
        adjusted.put(name, "string");
      }
    }
    return adjusted;
  }
}
