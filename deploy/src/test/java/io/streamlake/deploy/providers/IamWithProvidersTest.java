package io.streamlake.deploy.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** {@code streamlake iam} on a sink whose credentials are config provider references, with the kit's worker file. */
class IamWithProvidersTest {

  @TempDir
  Path dir;

  private JsonNode iam(List<String> extra) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode connector = (ObjectNode) json.readTree(
        DeployFiles.connectors().resolve("order-events-s3-parquet.json").toFile());
    ObjectNode config = connector.has("config") ? (ObjectNode) connector.get("config") : connector;
    config.put("aws.access.key.id", "${ssm::/streamlake/prod/s3-key}");
    config.put("aws.secret.access.key", "${secretsmanager:streamlake/prod/s3:secret_access_key}");
    Path file = dir.resolve("sink.json");
    json.writeValue(file.toFile(), connector);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>(List.of("iam", file.toString(), "--cluster-arn",
        "arn:aws:kafka:eu-west-1:123456789012:cluster/c/u-1"));
    argv.addAll(extra);
    int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(code).isZero();
    return json.readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static JsonNode statement(JsonNode policy, String sid) {
    for (JsonNode statement : policy.get("Statement")) {
      if (statement.get("Sid").asText().equals(sid)) {
        return statement;
      }
    }
    throw new AssertionError("no statement " + sid + " in " + policy);
  }

  @Test
  void theReferencedSecretAndParameterAreGrantedInTheClustersRegion() throws IOException {
    JsonNode policy = iam(List.of("--worker-config", DeployFiles.deployDir().resolve("worker")
        .resolve("msk-connect-worker-config-providers.properties").toString()));
    assertThat(statement(policy, "ConfigProviderSecrets").get("Resource").toString())
        .isEqualTo("[\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:streamlake/prod/s3-??????\"]");
    assertThat(statement(policy, "ConfigProviderParameters").get("Resource").toString())
        .isEqualTo("[\"arn:aws:ssm:eu-west-1:123456789012:parameter/streamlake/prod/s3-key\"]");
    assertThat(statement(policy, "ConfigProviderParameters").get("Action").toString())
        .isEqualTo("[\"ssm:GetParameter\",\"ssm:GetParameters\"]");
    // the sink's own statements are still there
    assertThat(statement(policy, "WriteDataFilesAndEpochMarkers")).isNotNull();
  }

  @Test
  void referencesInTheWorkerConfigurationAreGrantedToo() throws IOException {
    Path worker = dir.resolve("worker.properties");
    Files.writeString(worker, Files.readString(DeployFiles.deployDir().resolve("worker")
        .resolve("msk-connect-worker-config-providers.properties"))
        + "consumer.ssl.truststore.location=${s3import:eu-west-1:my-certs/kafka/truststore.jks}\n");
    JsonNode policy = iam(List.of("--worker-config", worker.toString()));
    assertThat(statement(policy, "ConfigProviderS3Imports").get("Resource").toString())
        .isEqualTo("[\"arn:aws:s3:::my-certs/kafka/truststore.jks\"]");
  }

  @Test
  void aCustomerManagedKeyIsUsableThroughTheServicesOnly() throws IOException {
    JsonNode decrypt = statement(iam(List.of("--provider-kms-key", "arn:aws:kms:eu-west-1:123456789012:key/k-1")),
        "ConfigProviderDecrypt");
    assertThat(decrypt.get("Action").toString()).isEqualTo("[\"kms:Decrypt\"]");
    assertThat(decrypt.path("Condition").path("StringEquals").path("kms:ViaService").toString())
        .contains("secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com");
  }
}
