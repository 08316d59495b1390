package io.streamlake.deploy.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render: the create-connector request JSON, in the shape `aws kafkaconnect create-connector` reads. */
class RenderCommandTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    List<String> argv = new ArrayList<>(List.of("render"));
    argv.addAll(List.of(args));
    return Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private JsonNode json() throws IOException {
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  private String orderEvents() {
    return DeployFiles.connectors().resolve("order-events-s3-parquet.json").toString();
  }

  @Test
  void testAutoscaledRequest() throws IOException {
    int code = run(orderEvents(), "--name", "orders-to-s3", "--mcu", "2", "--min-workers", "1", "--max-workers",
        "4", "--bootstrap-servers", "b-1.x:9098,b-2.x:9098", "--subnets", "subnet-a, subnet-b",
        "--security-groups", "sg-1", "--plugin-arn", "arn:aws:kafkaconnect:us-east-1:1:custom-plugin/sl/abc",
        "--role-arn", "arn:aws:iam::1:role/sl", "--worker-config-arn",
        "arn:aws:kafkaconnect:us-east-1:1:worker-configuration/sl/def", "--log-group", "/msk-connect/sl");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode request = json();
    assertThat(request.path("connectorName").asText()).isEqualTo("orders-to-s3");
    assertThat(request.path("kafkaConnectVersion").asText()).isEqualTo("3.7.x");
    JsonNode autoScaling = request.path("capacity").path("autoScaling");
    assertThat(autoScaling.path("mcuCount").asInt()).isEqualTo(2);
    assertThat(autoScaling.path("minWorkerCount").asInt()).isEqualTo(1);
    assertThat(autoScaling.path("maxWorkerCount").asInt()).isEqualTo(4);
    assertThat(autoScaling.path("scaleInPolicy").path("cpuUtilizationPercentage").asInt()).isEqualTo(20);
    assertThat(autoScaling.path("scaleOutPolicy").path("cpuUtilizationPercentage").asInt()).isEqualTo(80);
    assertThat(request.path("capacity").has("provisionedCapacity")).isFalse();
    JsonNode cluster = request.path("kafkaCluster").path("apacheKafkaCluster");
    assertThat(cluster.path("bootstrapServers").asText()).isEqualTo("b-1.x:9098,b-2.x:9098");
    assertThat(cluster.path("vpc").path("subnets")).extracting(JsonNode::asText)
        .containsExactly("subnet-a", "subnet-b");
    assertThat(request.path("kafkaClusterClientAuthentication").path("authenticationType").asText())
        .isEqualTo("IAM");
    assertThat(request.path("kafkaClusterEncryptionInTransit").path("encryptionType").asText()).isEqualTo("TLS");
    assertThat(request.path("plugins").get(0).path("customPlugin").path("customPluginArn").asText())
        .endsWith("custom-plugin/sl/abc");
    assertThat(request.path("plugins").get(0).path("customPlugin").path("revision").asLong()).isEqualTo(1);
    assertThat(request.path("workerConfiguration").path("workerConfigurationArn").asText())
        .endsWith("worker-configuration/sl/def");
    assertThat(request.path("logDelivery").path("workerLogDelivery").path("cloudWatchLogs").path("logGroup")
        .asText()).isEqualTo("/msk-connect/sl");
    assertThat(request.path("serviceExecutionRoleArn").asText()).isEqualTo("arn:aws:iam::1:role/sl");
    JsonNode config = request.path("connectorConfiguration");
    assertThat(config.path("connector.class").asText()).isEqualTo("io.streamlake.connect.s3.S3SinkConnector");
    assertThat(config.path("path.format").asText()).isEqualTo("'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    assertThat(config.has("consumer.override.session.timeout.ms")).isFalse(); // set in the worker configuration
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("tasks.max=6 is overridden")
        .doesNotContain("placeholders");
  }

  @Test
  void testReplayExampleRendersWithItsConfigurationVerbatim() throws IOException {
    Path replay = DeployFiles.connectors().resolve("replay-orders-from-s3.json");
    int code = run(replay.toString(), "--workers", "1", "--mcu", "1");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode request = json();
    assertThat(request.path("connectorName").asText()).isEqualTo("replay-orders-from-s3");
    JsonNode config = request.path("connectorConfiguration");
    JsonNode file = new ObjectMapper().readTree(replay.toFile());
    assertThat(config).isEqualTo(file);
    assertThat(config.path("connector.class").asText())
        .isEqualTo("io.streamlake.connect.s3.source.S3SourceConnector");
    assertThat(config.path("exactly.once.support").asText()).isEqualTo("requested");
  }

  @Test
  void testProvisionedCapacityAndOverrides() throws IOException {
    int code = run(orderEvents(), "--workers", "3", "--mcu", "1", "--set", "s3.bucket.name=prod-lake",
        "--auth", "none", "--encryption", "plaintext");
    assertThat(code).isZero();
    JsonNode request = json();
    assertThat(request.path("connectorName").asText()).isEqualTo("order-events-s3-parquet");
    assertThat(request.path("capacity").path("provisionedCapacity").path("workerCount").asInt()).isEqualTo(3);
    assertThat(request.path("capacity").has("autoScaling")).isFalse();
    assertThat(request.path("connectorConfiguration").path("s3.bucket.name").asText()).isEqualTo("prod-lake");
    assertThat(request.path("kafkaClusterClientAuthentication").path("authenticationType").asText())
        .isEqualTo("NONE");
    assertThat(request.has("workerConfiguration")).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("placeholders used for --bootstrap-servers");
  }

  @Test
  void testLiteralSecretIsRefusedAndNotPrinted() throws IOException {
    Path file = dir.resolve("secret.json");
    Files.writeString(file, "{\"connector.class\": \"io.streamlake.connect.s3.S3SinkConnector\","
        + " \"aws.secret.access.key\": \"very-secret-value\"}");
    assertThat(run(file.toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
        .contains("aws.secret.access.key").doesNotContain("very-secret-value");
  }

  @Test
  void testLiteralJaasConfigOfTheLagEmittersAdminClientIsRefused() {
    Path lag = DeployFiles.connectors().resolve("consumer-lag-cloudwatch.json");
    assertThat(run(lag.toString(), "--set", "admin.sasl.jaas.config=org.apache.kafka.common.security.plain"
        + ".PlainLoginModule required username=\"u\" password=\"jaas-pw-1\";")).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("admin.sasl.jaas.config").doesNotContain("jaas-pw-1");
  }

  @Test
  void testLiteralClientOverrideSecretsAreRefused() {
    for (String key : List.of("consumer.override.sasl.jaas.config", "producer.override.ssl.key.password",
        "consumer.override.ssl.keystore.password", "admin.override.ssl.truststore.password",
        "value.converter.basic.auth.user.info")) {
      out.reset();
      err.reset();
      assertThat(run(orderEvents(), "--set", key + "=client-pw-2")).as(key).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).as(key).isEmpty();
      assertThat(err.toString(StandardCharsets.UTF_8)).as(key).contains(key).doesNotContain("client-pw-2");
    }
  }

  @Test
  void testOutputFileIsReadableByTheOwnerOnly() throws IOException {
    Path request = dir.resolve("aws").resolve("request.json");
    Files.createDirectories(request.getParent());
    Files.writeString(request, "old");
    Files.setPosixFilePermissions(request, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(run(orderEvents(), "--output", request.toString())).isZero();
    assertThat(Files.getPosixFilePermissions(request))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(new ObjectMapper().readTree(request.toFile()).path("connectorName").asText())
        .isEqualTo("order-events-s3-parquet");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void testConfigProviderReferenceIsRendered() throws IOException {
    Path file = dir.resolve("provider.json");
    Files.writeString(file, "{\"connector.class\": \"io.streamlake.connect.lag.ConsumerLagSourceConnector\","
        + " \"admin.sasl.password\": \"${secretsmanager:lag/scram:password}\"}");
    assertThat(run(file.toString())).isZero();
    assertThat(json().path("connectorConfiguration").path("admin.sasl.password").asText())
        .isEqualTo("${secretsmanager:lag/scram:password}");
  }

  @Test
  void testNameSettingBecomesTheConnectorName() throws IOException {
    Path file = dir.resolve("named.json");
    Files.writeString(file, "{\"name\": \"orders\", \"connector.class\": \"io.streamlake.connect.s3.S3SinkConnector\"}");
    assertThat(run(file.toString())).isZero();
    assertThat(json().path("connectorName").asText()).isEqualTo("orders");
    assertThat(json().path("connectorConfiguration").has("name")).isFalse();
  }

  @Test
  void testInvalidCapacityIsAUsageError() {
    assertThat(run(orderEvents(), "--mcu", "3")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--mcu must be 1, 2, 4 or 8");
  }
}
