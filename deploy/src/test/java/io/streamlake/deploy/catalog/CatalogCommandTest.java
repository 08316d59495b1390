package io.streamlake.deploy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamlake catalog}: the table the sink (loaded from the built plugin ZIP) makes for the demo's order
 * events, and deploy/terraform/glue.tf declaring the same table.
 */
class CatalogCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String connector() {
    return DeployFiles.connectors().resolve("order-events-s3-parquet.json").toString();
  }

  private static String sample() {
    return DeployFiles.deployDir().resolve("catalog/order-event.json").toString();
  }

  private JsonNode tableInput() throws Exception {
    assertThat(run("catalog", connector(), "--schema", sample(), "--set", "glue.database=lake", "--table-input-only"))
        .as(err.toString(StandardCharsets.UTF_8)).isZero();
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsTheAthenaDdlAndTheTableInputOfTheDemoTopic() {
    assertThat(run("catalog", connector(), "--schema", sample(), "--set", "glue.database=lake"))
        .as(err.toString(StandardCharsets.UTF_8)).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("CREATE EXTERNAL TABLE `lake`.`order_events` (")
        .contains("  `amount` double,").contains("  `timestamp` timestamp")
        .contains("PARTITIONED BY (\n  `year` bigint,\n  `month` string,\n  `day` string,\n  `hour` string\n)")
        .contains("ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'")
        .contains("LOCATION 's3://my-event-lake/topics/order-events/'")
        .contains("'projection.hour.digits'='2'")
        .contains("'storage.location.template'='s3://my-event-lake/topics/order-events/year=${year}/month=${month}"
            + "/day=${day}/hour=${hour}/'")
        .contains("\"Name\" : \"order_events\"");
  }

  @Test
  void anEnvelopeOrABareSchemaAndOtherFormatsAndPartitioners(@TempDir Path dir) throws Exception {
    JsonNode envelope = new ObjectMapper().readTree(Files.readString(Path.of(sample())));
    Path bare = dir.resolve("schema.json");
    Files.writeString(bare, envelope.get("schema").toString());
    assertThat(run("catalog", connector(), "--schema", bare.toString(), "--set", "glue.database=lake",
        "--set", "format.class=json", "--set", "partitioner.class=default", "--ddl-only")).isZero();
    String ddl = out.toString(StandardCharsets.UTF_8);
    assertThat(ddl).contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'")
        .contains("`items` bigint").contains("`timestamp` bigint").contains("`partition` bigint")
        .contains("'projection.partition.range'='0,99'").doesNotContain("TableInput");
  }

  @Test
  void wrongInputIsReportedWithTheReason(@TempDir Path dir) throws Exception {
    assertThat(run("catalog", connector())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--schema");
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, "{\"payload\": {}}");
    assertThat(run("catalog", connector(), "--schema", empty.toString(), "--set", "glue.database=lake")).isEqualTo(2);
    assertThat(run("catalog", connector(), "--schema", sample(), "--set", "glue.database=lake",
        "--set", "path.format='m'=MMM")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("month names").contains("glue.projection.enabled");
  }

  @Test
  void terraformDeclaresTheSameTable() throws Exception {
    JsonNode input = tableInput();
    String tf = Files.readString(DeployFiles.deployDir().resolve("terraform/glue.tf"));
    String table = tf.substring(tf.indexOf("resource \"aws_glue_catalog_table\" \"order_events\""));
    assertThat(table).contains("name          = \"" + input.get("Name").asText() + "\"");
    assertThat(blocks(table, "columns")).isEqualTo(columns(input.path("StorageDescriptor").path("Columns")));
    assertThat(blocks(table, "partition_keys")).isEqualTo(columns(input.path("PartitionKeys")));
    JsonNode sd = input.path("StorageDescriptor");
    assertThat(table).contains("input_format  = \"" + sd.path("InputFormat").asText() + "\"")
        .contains("output_format = \"" + sd.path("OutputFormat").asText() + "\"")
        .contains("serialization_library = \"" + sd.path("SerdeInfo").path("SerializationLibrary").asText() + "\"");
    String location = sd.path("Location").asText();
    input.path("Parameters").fields().forEachRemaining(e -> {
      String value = e.getValue().asText().replace(location, "${local.glue_location}").replace("${", "$${")
          .replace("$${local.glue_location}", "${local.glue_location}");
      assertThat(table).as(e.getKey()).containsPattern("\"" + Pattern.quote(e.getKey()) + "\"\\s+= \""
          + Pattern.quote(value) + "\"");
    });
    assertThat(location).isEqualTo("s3://my-event-lake/topics/order-events/");
    assertThat(tf).contains("glue_location    = \"s3://${var.sink_bucket}/${local.topics_dir == \"\" ? \"\" :"
        + " \"${local.topics_dir}/\"}order-events/\"");
  }

  private static List<String> columns(JsonNode columns) {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add(c.get("Name").asText() + " " + c.get("Type").asText()));
    return out;
  }

  private static List<String> blocks(String text, String block) {
    Matcher m = Pattern.compile(block + " \\{\\s+name = \"(\\w+)\"\\s+type = \"([^\"]+)\"").matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2));
    }
    return out;
  }
}
