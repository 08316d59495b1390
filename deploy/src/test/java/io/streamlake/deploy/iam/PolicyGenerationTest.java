package io.streamlake.deploy.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated policies of the deploy examples, evaluated: what each role may and may not do. */
class PolicyGenerationTest {

  private static final KafkaArns KAFKA = new KafkaArns("arn:aws:kafka:us-east-1:123456789012:cluster/c/u-1");
  private static final String TOPIC = "arn:aws:kafka:us-east-1:123456789012:topic/c/u-1/";
  private static final String GROUP = "arn:aws:kafka:us-east-1:123456789012:group/c/u-1/";

  private static ConnectorFile example(String name) throws IOException {
    return ConnectorFile.read(DeployFiles.connectors().resolve(name));
  }

  private static PolicyEvaluator sink(ConnectorFile file) {
    return new PolicyEvaluator(SinkPolicy.of(file, KAFKA, WorkerStatements.DEFAULT_OFFSETS_TOPIC));
  }

  @Test
  void testSinkPolicyHasNoDeleteAndOnlyTheActionsTheSinkCalls() throws IOException {
    PolicyDocument policy = SinkPolicy.of(example("order-events-s3-parquet.json"), KAFKA, "__offsets");
    assertThat(policy.actions()).filteredOn(a -> a.startsWith("s3:")).containsExactlyInAnyOrder("s3:ListBucket",
        "s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:PutObjectTagging", "s3:GetObjectTagging");
    assertThat(policy.toJson()).doesNotContain("s3:Delete").doesNotContain("s3:*");
  }

  @Test
  void testCdcExampleIsConfinedToCdcPrefix() throws IOException {
    PolicyEvaluator cdc = sink(example("postgres-cdc-s3-parquet.json"));
    assertThat(cdc.allows("s3:PutObject", "arn:aws:s3:::my-event-lake/cdc/pg.inventory.orders/x.parquet")).isTrue();
    assertThat(cdc.allows("s3:GetObject", "arn:aws:s3:::my-event-lake/cdc/_epochs/pg.inventory.orders/0/1.json"))
        .isTrue();
    assertThat(cdc.allows("s3:PutObject", "arn:aws:s3:::my-event-lake/topics/x.parquet")).isFalse();
    assertThat(cdc.allows("s3:ListBucket", "arn:aws:s3:::my-event-lake", Map.of("s3:prefix", "cdc/_epochs/")))
        .isTrue();
    assertThat(cdc.allows("s3:ListBucket", "arn:aws:s3:::my-event-lake", Map.of("s3:prefix", "topics/")))
        .isFalse();
    assertThat(cdc.allows("s3:DeleteObject", "arn:aws:s3:::my-event-lake/cdc/_epochs/pg.inventory.orders/0/1.json"))
        .isFalse();
  }

  @Test
  void testSinkReadsOnlyItsTopicsAndAltersOnlyItsGroup() throws IOException {
    PolicyEvaluator orders = sink(example("order-events-s3-parquet.json"));
    assertThat(orders.allows("kafka-cluster:ReadData", TOPIC + "order-events")).isTrue();
    assertThat(orders.allows("kafka-cluster:ReadData", TOPIC + "payments")).isFalse();
    assertThat(orders.allows("kafka-cluster:AlterGroup", GROUP + "connect-order-events-s3-parquet")).isTrue();
    assertThat(orders.allows("kafka-cluster:AlterGroup", GROUP + "connect-other")).isFalse();
    PolicyEvaluator cdc = sink(example("postgres-cdc-s3-parquet.json"));
    assertThat(cdc.allows("kafka-cluster:ReadData", TOPIC + "pg.inventory.orders")).isTrue();
    assertThat(cdc.allows("kafka-cluster:ReadData", TOPIC + "pg.billing.invoices")).isFalse();
    assertThat(cdc.allows("kafka-cluster:WriteData", TOPIC + "dlq.pg-inventory-s3")).isTrue();
    assertThat(cdc.allows("kafka-cluster:WriteData", TOPIC + "pg.inventory.orders")).isFalse();
  }

  @Test
  void testKmsAndAssumeRoleOnlyWhenConfigured() throws IOException {
    ConnectorFile file = example("order-events-s3-parquet.json").with(Map.of(
        "s3.sse.kms.key.id", "1234abcd-12ab-34cd-56ef-1234567890ab", "sts.role.arn", "arn:aws:iam::1:role/w"));
    PolicyEvaluator evaluator = sink(file);
    assertThat(evaluator.allows("kms:GenerateDataKey",
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")).isTrue();
    assertThat(evaluator.allows("sts:AssumeRole", "arn:aws:iam::1:role/w")).isTrue();
    PolicyEvaluator plain = sink(example("order-events-s3-parquet.json"));
    assertThat(plain.allows("sts:AssumeRole", "arn:aws:iam::1:role/w")).isFalse();
    assertThat(plain.allows("kms:GenerateDataKey", "arn:aws:kms:us-east-1:123456789012:key/x")).isFalse();
  }

  @Test
  void testGlueTableCallsOnlyWhenGlueIsEnabledAndOnlyOnTheConnectorsTables() throws IOException {
    PolicyEvaluator plain = sink(example("order-events-s3-parquet.json"));
    assertThat(plain.allows("glue:GetTable", "arn:aws:glue:us-east-1:123456789012:table/lake/order_events")).isFalse();
    ConnectorFile file = example("order-events-s3-parquet.json").with(Map.of("glue.enabled", "true",
        "glue.database", "lake", "glue.table.name", "raw_${topic}"));
    String region = file.config().getOrDefault("s3.region", "us-west-2");
    String arn = "arn:aws:glue:" + region + ":123456789012:";
    PolicyEvaluator glue = sink(file);
    for (String action : new String[] {"glue:GetTable", "glue:CreateTable", "glue:UpdateTable"}) {
      assertThat(glue.allows(action, arn + "catalog")).as(action).isTrue();
      assertThat(glue.allows(action, arn + "database/lake")).as(action).isTrue();
      assertThat(glue.allows(action, arn + "table/lake/raw_order_events")).as(action).isTrue();
      assertThat(glue.allows(action, arn + "table/lake/other")).as(action).isFalse();
      assertThat(glue.allows(action, arn + "table/other/raw_order_events")).as(action).isFalse();
    }
    assertThat(glue.allows("glue:DeleteTable", arn + "table/lake/raw_order_events")).isFalse();
    assertThat(glue.allows("glue:BatchCreatePartition", arn + "table/lake/raw_order_events")).isFalse();

    PolicyEvaluator cdc = sink(example("postgres-cdc-s3-parquet.json").with(Map.of("glue.enabled", "true",
        "glue.database", "cdc", "glue.catalog.id", "999999999999", "glue.region", "eu-west-1")));
    assertThat(cdc.allows("glue:UpdateTable", "arn:aws:glue:eu-west-1:999999999999:table/cdc/pg_inventory_orders"))
        .isTrue();
    assertThat(cdc.allows("glue:UpdateTable", "arn:aws:glue:eu-west-1:999999999999:table/cdc/pg_billing_x"))
        .isFalse();
  }

  @Test
  void testGlueTableNamesAreTheSinksOwnCutTo255Characters() throws IOException {
    String topic = "Order-Events." + "x".repeat(300);
    ConnectorFile file = example("order-events-s3-parquet.json").with(Map.of("topics", topic, "glue.enabled", "true",
        "glue.database", "lake", "glue.table.name", "raw_${topic}"));
    String arn = "arn:aws:glue:" + file.config().getOrDefault("s3.region", "us-west-2") + ":123456789012:table/lake/";
    String full = "raw_order_events_" + "x".repeat(300);
    PolicyEvaluator glue = sink(file);
    assertThat(glue.allows("glue:CreateTable", arn + full.substring(0, 255))).isTrue();
    assertThat(glue.allows("glue:CreateTable", arn + full)).isFalse();

    // topics.regex: the wildcard survives the sink's naming, also where the cut falls inside it
    String prefix = "p".repeat(250);
    PolicyEvaluator regex = sink(example("order-events-s3-parquet.json").with(Map.of("topics", "",
        "topics.regex", prefix + ".*", "glue.enabled", "true", "glue.database", "lake")));
    String cut = (prefix + "_abcdefgh").substring(0, 255);
    assertThat(regex.allows("glue:CreateTable", arn + cut)).isTrue();
    assertThat(regex.allows("glue:CreateTable", arn + "q".repeat(255))).isFalse();
  }

  @Test
  void testConfluentsAssumeRoleKeyIsGrantedToo() throws IOException {
    ConnectorFile file = example("order-events-s3-parquet.json").with(Map.of(
        "s3.credentials.provider.sts.role.arn", "arn:aws:iam::2:role/cross-account"));
    assertThat(sink(file).allows("sts:AssumeRole", "arn:aws:iam::2:role/cross-account")).isTrue();
  }

  @Test
  void testLagEmitterReadsRecordsOnlyInRecordTimestampMode() throws IOException {
    ConnectorFile lag = example("consumer-lag-cloudwatch.json");
    PolicyEvaluator interpolation = new PolicyEvaluator(LagEmitterPolicy.of(lag, KAFKA, "__offsets"));
    assertThat(interpolation.allows("kafka-cluster:ReadData", TOPIC + "order-events")).isFalse();
    assertThat(interpolation.allows("kafka-cluster:DescribeGroup", GROUP + "connect-order-events-s3-parquet"))
        .isTrue();
    assertThat(interpolation.allows("kafka-cluster:AlterGroup", GROUP + "connect-order-events-s3-parquet"))
        .isFalse();
    assertThat(interpolation.allows("kafka-cluster:WriteData", TOPIC + "consumer-lag-metrics")).isTrue();
    assertThat(interpolation.allows("cloudwatch:PutMetricData", "*", Map.of("cloudwatch:namespace",
        "MSK/ConsumerLag"))).isTrue();
    assertThat(interpolation.allows("cloudwatch:PutMetricData", "*", Map.of("cloudwatch:namespace", "AWS/EC2")))
        .isFalse();
    PolicyEvaluator recordTimestamp = new PolicyEvaluator(LagEmitterPolicy.of(
        lag.with(Map.of("time.lag.mode", "RECORD_TIMESTAMP")), KAFKA, "__offsets"));
    assertThat(recordTimestamp.allows("kafka-cluster:ReadData", TOPIC + "order-events")).isTrue();
  }

  @Test
  void testTopicsRegexBecomesAWildcardOrIsRefused() {
    assertThat(TopicPattern.wildcard("pg\\.inventory\\..*")).isEqualTo("pg.inventory.*");
    assertThat(TopicPattern.wildcard("orders")).isEqualTo("orders");
    assertThatThrownBy(() -> TopicPattern.wildcard("(orders|payments)")).hasMessageContaining("topics.regex");
    assertThatThrownBy(() -> TopicPattern.wildcard("orders-[0-9]+")).hasMessageContaining("no IAM wildcard form");
  }

  @Test
  void testEvaluatorWildcardsAndConditions() {
    assertThat(PolicyEvaluator.like("a/*/c", "a/b/x/c")).isTrue();
    assertThat(PolicyEvaluator.like("a/?", "a/bc")).isFalse();
    assertThat(PolicyEvaluator.like("a.b", "axb")).isFalse();
    PolicyDocument doc = new PolicyDocument(java.util.List.of(PolicyDocument.Statement.allow("s",
        java.util.List.of("s3:ListBucket"), java.util.List.of("arn:aws:s3:::b"))
        .when("StringLike", "s3:prefix", java.util.List.of("t/*"))));
    PolicyEvaluator evaluator = new PolicyEvaluator(doc);
    assertThat(evaluator.allows("s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", "t/x"))).isTrue();
    assertThat(evaluator.allows("s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", "u/x"))).isFalse();
    assertThat(evaluator.allows("s3:ListBucket", "arn:aws:s3:::b")).isFalse();
  }

  @Test
  void testLifecycleRulesFollowTopicsDirAndKeepOtherRules() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode existing = json.readTree("{\"Rules\": [{\"ID\": \"archive\","
        + " \"Status\": \"Enabled\", \"Filter\": {\"Prefix\": \"raw/\"}, \"Expiration\": {\"Days\": 30}},"
        + " {\"ID\": \"streamlake-topics-expire-epoch-markers\", \"Status\": \"Enabled\", \"Filter\":"
        + " {\"Prefix\": \"topics/_epochs/\"}, \"Expiration\": {\"Days\": 7}},"
        + " {\"ID\": \"streamlake-cdc-expire-epoch-markers\", \"Status\": \"Enabled\", \"Filter\":"
        + " {\"Prefix\": \"cdc/_epochs/\"}, \"Expiration\": {\"Days\": 3}}]}");
    com.fasterxml.jackson.databind.JsonNode merged = LifecycleRules.merge(existing, LifecycleRules.of("cdc", 7),
        "cdc");
    assertThat(merged.path("Rules")).extracting(r -> r.path("ID").asText()).containsExactly("archive",
        "streamlake-topics-expire-epoch-markers", "streamlake-cdc-abort-incomplete-multipart-uploads",
        "streamlake-cdc-expire-epoch-markers");
    assertThat(merged.path("Rules").get(2).path("Filter").path("Prefix").asText()).isEqualTo("cdc/");
    assertThat(merged.path("Rules").get(3).path("Filter").path("Prefix").asText()).isEqualTo("cdc/_epochs/");
    assertThat(merged.path("Rules").get(3).path("Expiration").path("Days").asInt()).isEqualTo(7);
    assertThat(LifecycleRules.merge(null, LifecycleRules.of("topics", 7), "topics").path("Rules")).hasSize(2);
  }
}
