package io.streamlake.deploy.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Glue statements `streamlake iam` adds for connectors that use the Glue Schema Registry converter. */
class GlueSchemaRegistryPolicyTest {

  private static final KafkaArns KAFKA = new KafkaArns("arn:aws:kafka:us-east-1:123456789012:cluster/c/u-1");
  private static final String GSR = "io.streamlake.connect.gsr.GlueSchemaRegistryAvroConverter";

  private static ConnectorFile example(String name) throws IOException {
    return ConnectorFile.read(DeployFiles.connectors().resolve(name));
  }

  @Test
  void testGsrSinkExampleMayReadSchemaVersionsAndNothingElseOfGlue() throws IOException {
    PolicyDocument policy = SinkPolicy.of(example("gsr-avro-orders-s3-parquet.json"), KAFKA, "__offsets");
    PolicyEvaluator evaluator = new PolicyEvaluator(policy);
    assertThat(evaluator.allows("glue:GetSchemaVersion", "*")).isTrue();
    assertThat(policy.actions()).filteredOn(a -> a.startsWith("glue:")).containsExactly("glue:GetSchemaVersion");
    assertThat(evaluator.allows("kafka-cluster:WriteData",
        "arn:aws:kafka:us-east-1:123456789012:topic/c/u-1/orders-avro-dlq")).isTrue();
  }

  @Test
  void testGsrJsonSchemaSinkExampleGetsTheSameGlueStatementAsAvro() throws IOException {
    PolicyDocument policy = SinkPolicy.of(example("gsr-json-orders-s3-parquet.json"), KAFKA, "__offsets");
    PolicyEvaluator evaluator = new PolicyEvaluator(policy);
    assertThat(evaluator.allows("glue:GetSchemaVersion", "*")).isTrue();
    assertThat(policy.actions()).filteredOn(a -> a.startsWith("glue:")).containsExactly("glue:GetSchemaVersion");
    assertThat(evaluator.allows("kafka-cluster:WriteData",
        "arn:aws:kafka:us-east-1:123456789012:topic/c/u-1/orders-json-dlq")).isTrue();
  }

  @Test
  void testSinkWithoutTheGsrConverterHasNoGlueStatement() throws IOException {
    PolicyDocument policy = SinkPolicy.of(example("order-events-s3-parquet.json"), KAFKA, "__offsets");
    assertThat(policy.actions()).noneMatch(a -> a.startsWith("glue:"));
  }

  @Test
  void testConverterRoleIsGrantedAssumeRole() throws IOException {
    PolicyDocument policy = SinkPolicy.of(example("gsr-avro-orders-s3-parquet.json")
        .with(Map.of("value.converter.assumeRoleArn", "arn:aws:iam::210987654321:role/registry-reader")), KAFKA, "__o");
    assertThat(new PolicyEvaluator(policy).allows("sts:AssumeRole", "arn:aws:iam::210987654321:role/registry-reader"))
        .isTrue();
  }

  @Test
  void testLagEmitterWritingThroughGsrMayLookUpAndRegisterItsSchemaOnly() throws IOException {
    ConnectorFile lag = example("consumer-lag-cloudwatch.json").with(Map.of("value.converter", GSR,
        "value.converter.region", "eu-west-1", "value.converter.registry.name", "metrics",
        "value.converter.schemaAutoRegistrationEnabled", "true"));
    PolicyEvaluator evaluator = new PolicyEvaluator(LagEmitterPolicy.of(lag, KAFKA, "__o"));
    String schema = "arn:aws:glue:eu-west-1:123456789012:schema/metrics/consumer-lag-metrics";
    String registry = "arn:aws:glue:eu-west-1:123456789012:registry/metrics";
    for (String action : new String[] {"glue:GetSchemaByDefinition", "glue:RegisterSchemaVersion",
        "glue:CreateSchema"}) {
      assertThat(evaluator.allows(action, schema)).as(action).isTrue();
      assertThat(evaluator.allows(action, registry)).as(action).isTrue();
      assertThat(evaluator.allows(action, "arn:aws:glue:eu-west-1:123456789012:schema/metrics/other")).isFalse();
    }
    assertThat(evaluator.allows("glue:GetSchemaVersion", "*")).isTrue();
    assertThat(evaluator.allows("glue:DeleteSchema", schema)).isFalse();
  }

  @Test
  void testLagEmitterWithoutAutoRegistrationMayOnlyLookUp() throws IOException {
    ConnectorFile lag = example("consumer-lag-cloudwatch.json").with(Map.of("value.converter", GSR,
        "value.converter.schemaName", "lag-value"));
    PolicyDocument policy = LagEmitterPolicy.of(lag, KAFKA, "__o");
    assertThat(policy.actions()).filteredOn(a -> a.startsWith("glue:")).containsExactly("glue:GetSchemaByDefinition");
    assertThat(new PolicyEvaluator(policy).allows("glue:GetSchemaByDefinition",
        "arn:aws:glue:us-west-2:123456789012:schema/default-registry/lag-value")).isTrue();
  }
}
