package io.streamlake.deploy.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.iam.PolicyDocument.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderStatementsTest {

  private static final Map<String, String> CONFIG = Map.of(
      "aws.secret.access.key", "${secretsmanager:streamlake/prod/s3:secret_access_key}",
      "aws.access.key.id", "${ssm::/streamlake/prod/s3-key?ttl=60000}",
      "consumer.override.ssl.truststore.location", "${s3import:us-east-1:my-certs/kafka/truststore.jks}",
      "consumer.override.ssl.truststore.password",
      "${secretsmanager:arn%3Aaws%3Asecretsmanager%3Aeu-west-1%3A210987654321%3Asecret%3Ashared-AbCdEf:pw}",
      "other", "${file:/etc/kafka/secrets.properties:pw}");

  private static Statement sid(List<Statement> statements, String sid) {
    return statements.stream().filter(s -> s.sid().equals(sid)).findFirst().orElseThrow();
  }

  @Test
  void grantsExactlyTheReferencedResources() {
    List<Statement> statements = ProviderStatements.of(ProviderReference.find(CONFIG), Map.of(), "us-east-1",
        "123456789012", List.of());
    assertThat(statements).extracting(Statement::sid).containsExactlyInAnyOrder("ConfigProviderSecrets",
        "ConfigProviderParameters", "ConfigProviderS3Imports");
    assertThat(sid(statements, "ConfigProviderSecrets").actions()).containsExactly("secretsmanager:GetSecretValue");
    assertThat(sid(statements, "ConfigProviderSecrets").resources()).containsExactlyInAnyOrder(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:streamlake/prod/s3-??????",
        "arn:aws:secretsmanager:eu-west-1:210987654321:secret:shared-AbCdEf");
    assertThat(sid(statements, "ConfigProviderParameters").actions())
        .containsExactly("ssm:GetParameter", "ssm:GetParameters");
    assertThat(sid(statements, "ConfigProviderParameters").resources())
        .containsExactly("arn:aws:ssm:us-east-1:123456789012:parameter/streamlake/prod/s3-key");
    assertThat(sid(statements, "ConfigProviderS3Imports").resources())
        .containsExactly("arn:aws:s3:::my-certs/kafka/truststore.jks");
  }

  @Test
  void theWorkerConfigurationNamesTheProvidersAndTheirRegions() {
    Map<String, String> worker = Map.of("config.providers", "sm,params",
        "config.providers.sm.class", "io.streamlake.connect.config.SecretsManagerConfigProvider",
        "config.providers.sm.param.region", "eu-central-1",
        "config.providers.params.class", "io.streamlake.connect.config.SsmParamStoreConfigProvider");
    List<Statement> statements = ProviderStatements.of(ProviderReference.find(Map.of("a", "${sm:db:pw}",
        "b", "${params::/x}", "c", "${secretsmanager:not-declared:pw}")), worker, "us-east-1", "123456789012",
        List.of("arn:aws:kms:eu-central-1:123456789012:key/1111-2222"));
    assertThat(sid(statements, "ConfigProviderSecrets").resources()).containsExactlyInAnyOrder(
        "arn:aws:secretsmanager:eu-central-1:123456789012:secret:db-??????",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:not-declared-??????");
    assertThat(sid(statements, "ConfigProviderParameters").resources())
        .containsExactlyInAnyOrder("arn:aws:ssm:us-east-1:123456789012:parameter/x");
    Statement decrypt = sid(statements, "ConfigProviderDecrypt");
    assertThat(decrypt.actions()).containsExactlyInAnyOrder("kms:Decrypt");
    assertThat(decrypt.resources()).containsExactlyInAnyOrder("arn:aws:kms:eu-central-1:123456789012:key/1111-2222");
    assertThat(decrypt.conditions().get("StringEquals").get("kms:ViaService")).containsExactlyInAnyOrder(
        "secretsmanager.eu-central-1.amazonaws.com", "ssm.us-east-1.amazonaws.com", "secretsmanager.us-east-1.amazonaws.com");
  }

  @Test
  void noReferencesNoStatements() {
    assertThat(ProviderStatements.of(List.of(), Map.of(), "us-east-1", "123456789012", List.of("arn:k"))).isEmpty();
  }
}
