package io.streamlake.deploy.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Text-level checks of deploy/terraform (no terraform binary here, so nothing is planned or applied): the policy
 * documents hold the same statements and S3 actions as the CLI generates, no delete, the s3:prefix condition, the
 * connector's own group, the lag emitter's ReadData only behind time.lag.mode=record-timestamp, and the alarms use
 * the metric and dimension names the lag emitter publishes.
 */
class TerraformTextTest {

  private static final KafkaArns KAFKA = new KafkaArns("arn:aws:kafka:us-east-1:123456789012:cluster/c/u-1");

  private static String terraform(String file) throws IOException {
    return Files.readString(DeployFiles.deployDir().resolve("terraform").resolve(file));
  }

  /** The text of one top-level block, from its header to the closing brace at column 0. */
  private static String block(String text, String header) {
    int start = text.indexOf(header);
    assertThat(start).as(header).isNotNegative();
    int end = text.indexOf("\n}\n", start);
    return text.substring(start, end + 2);
  }

  private static Set<String> all(Pattern pattern, String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static Set<String> sids(PolicyDocument policy) {
    Set<String> sids = new LinkedHashSet<>();
    policy.statements().forEach(s -> sids.add(s.sid()));
    return sids;
  }

  @Test
  void testSinkPolicyMatchesTheGeneratedOne() throws IOException {
    String sink = block(terraform("main.tf"), "data \"aws_iam_policy_document\" \"sink\"");
    ConnectorFile everything = ConnectorFile.read(DeployFiles.connectors().resolve("order-events-s3-parquet.json"))
        .with(Map.of("s3.sse.kms.key.id", "arn:aws:kms:us-east-1:1:key/k",
            "errors.deadletterqueue.topic.name", "dlq", "glue.enabled", "true", "glue.database", "lake",
            "value.converter", "io.streamlake.connect.gsr.GlueSchemaRegistryAvroConverter"));
    PolicyDocument generated = SinkPolicy.of(everything, KAFKA, "__offsets");
    assertThat(all(Pattern.compile("sid\\s+=\\s+\"(\\w+)\""), sink)).isEqualTo(sids(generated));
    // every S3 action anywhere in main.tf (the object actions are a local the statement uses)
    Set<String> s3Actions = all(Pattern.compile("\"(s3:[A-Z]\\w+)\""), terraform("main.tf"));
    assertThat(sink).contains("actions   = local.sink_object_actions");
    assertThat(s3Actions).containsExactlyInAnyOrderElementsOf(generated.actions().stream()
        .filter(a -> a.startsWith("s3:")).toList());
    assertThat(sink).doesNotContain("s3:Delete").contains("variable = \"s3:prefix\"")
        .contains("\"${local.topics_dir}/\", \"${local.topics_dir}/*\"")
        .contains("\"${local.group_prefix}/connect-${local.sink_name}\"").doesNotContain("connect-*");
    String glue = sink.substring(sink.indexOf("sid     = \"KeepTheGlueTables\""));
    glue = glue.substring(0, glue.indexOf("}"));
    assertThat(glue).contains(generated.statements().stream().filter(st -> st.sid().equals("KeepTheGlueTables"))
        .findFirst().orElseThrow().actions().stream().map(a -> "\"" + a + "\"").reduce((a, b) -> a + ", " + b)
        .orElseThrow());
    assertThat(terraform("main.tf")).contains("\"glue.enabled\"  = \"true\"")
        .contains("\"glue.database\" = var.glue_database");
    // the Glue Schema Registry statement is gated on the sink configuration's converters, as the generator's is
    assertThat(sink).contains("for_each = local.sink_reads_gsr ? [1] : []")
        .contains("actions   = [\"glue:GetSchemaVersion\"]");
    assertThat(terraform("main.tf")).contains("sink_name    = \"order-events-s3-parquet\"")
        .contains("name                 = local.sink_name");
  }

  @Test
  void testLagEmitterReadsDataOnlyInRecordTimestampMode() throws IOException {
    String lag = block(terraform("main.tf"), "data \"aws_iam_policy_document\" \"lag\"");
    PolicyDocument generated = LagEmitterPolicy.of(ConnectorFile.read(DeployFiles.connectors()
        .resolve("consumer-lag-cloudwatch.json")).with(Map.of("time.lag.mode", "record-timestamp")), KAFKA, "__o");
    assertThat(all(Pattern.compile("sid\\s+=\\s+\"(\\w+)\""), lag)).isEqualTo(sids(generated));
    int dynamic = lag.indexOf("for_each = local.lag_reads_records ? [1] : []");
    assertThat(dynamic).isPositive();
    String gated = lag.substring(dynamic, lag.indexOf("statement {", dynamic));
    assertThat(gated).contains("actions   = [\"kafka-cluster:ReadData\"]").contains("\"${local.kafka_prefix}/*\"");
    String rest = lag.replace(gated, "");
    for (String statement : rest.split("statement \\{")) {
      if (statement.contains("\"${local.kafka_prefix}/*\"")) {
        assertThat(statement).as("ReadData on every topic outside record-timestamp mode")
            .doesNotContain("kafka-cluster:ReadData");
      }
    }
    assertThat(terraform("main.tf")).contains("\"time.lag.mode\"           = local.lag_time_lag_mode");
  }

  @Test
  void testLifecycleRulesFollowTopicsDir() throws IOException {
    String lifecycle = block(terraform("main.tf"), "resource \"aws_s3_bucket_lifecycle_configuration\" \"sink\"");
    assertThat(lifecycle).contains("streamlake-${local.topics_dir_id}-abort-incomplete-multipart-uploads")
        .contains("streamlake-${local.topics_dir_id}-expire-epoch-markers")
        .contains("\"${local.topics_dir}/_epochs/\"").doesNotContain("topics/");
  }

  @Test
  void testAlarmsUseTheEmittersMetricNamesAndTreatMissingDataAsBreaching() throws IOException {
    Path metricNames = DeployFiles.deployDir().resolve("../lag-metrics/src/main/java/io/streamlake/connect/lag"
        + "/cloudwatch/MetricNames.java");
    String names = Files.readString(metricNames);
    String monitoring = terraform("monitoring.tf");
    for (String constant : new String[] {"TOTAL_LAG", "ESTIMATED_MAX_TIME_LAG", "DIM_GROUP", "DIM_TOPIC"}) {
      Matcher m = Pattern.compile(constant + " = \"(\\w+)\"").matcher(names);
      assertThat(m.find()).as(constant).isTrue();
      assertThat(monitoring).as(constant).contains(m.group(1));
      assertThat(Files.readString(DeployFiles.deployDir().resolve("scripts/06-lag-alarms-and-dashboard.sh")))
          .as(constant).contains(m.group(1));
    }
    assertThat(names).contains("Milliseconds");
    String total = block(monitoring, "resource \"aws_cloudwatch_metric_alarm\" \"total_lag\"");
    assertThat(total).contains("metric_name         = \"TotalLag\"").contains("treat_missing_data  = \"breaching\"")
        .contains("threshold           = var.lag_alarm_seconds_of_records * lookup(var.sink_topic_records_per_second");
    String time = block(monitoring, "resource \"aws_cloudwatch_metric_alarm\" \"time_lag\"");
    assertThat(time).contains("metric_name         = \"EstimatedMaxTimeLag\"")
        .contains("treat_missing_data  = \"breaching\"").contains("var.time_lag_alarm_minutes * 60 * 1000");
    assertThat(monitoring).contains("\"AWS/KafkaConnect\", \"WorkerCount\", \"ConnectorName\", local.sink_name")
        .contains("\"AWS/KafkaConnect\", \"CpuUtilization\", \"ConnectorName\", local.sink_name");
    String variables = terraform("variables.tf");
    assertThat(block(variables, "variable \"lag_alarm_seconds_of_records\"")).contains("default     = 10");
    assertThat(block(variables, "variable \"time_lag_alarm_minutes\"")).contains("default     = 5");
  }
}
