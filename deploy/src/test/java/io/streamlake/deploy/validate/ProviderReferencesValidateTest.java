package io.streamlake.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.PluginZip;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Config provider references in validate: satisfied, not checked as values, their form checked. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderReferencesValidateTest {

  private PluginZip plugin;
  private OfflineValidator validator;

  @BeforeAll
  void unpack() throws IOException {
    plugin = PluginZip.unpack(DeployFiles.pluginZip());
    validator = new OfflineValidator(plugin.pluginPath());
  }

  @AfterAll
  void clean() {
    if (plugin != null) {
      plugin.close();
    }
  }

  private OfflineValidator.Result validate(Map<String, String> changes) throws IOException {
    return validator.validate(ConnectorFile.read(DeployFiles.connectors().resolve("order-events-s3-parquet.json"))
        .with(changes));
  }

  @Test
  void referencesAreNeitherMissingNorInvalidNorLiteralSecrets() throws IOException {
    OfflineValidator.Result result = validate(Map.of(
        "s3.bucket.name", "${ssm::/streamlake/prod/bucket}",
        "flush.size", "${ssm::/streamlake/prod/flush-size}",
        "aws.access.key.id", "${ssm::/streamlake/prod/s3-key}",
        "aws.secret.access.key", "${secretsmanager:streamlake/prod/s3:secret_access_key?ttl=3600000}"));
    assertThat(result.findings()).isEmpty();
    assertThat(result.literalSecrets()).isEmpty();
    // the same option with a bad literal is an error: references are exempt, not the option
    assertThat(validate(Map.of("flush.size", "lots")).findings()).anyMatch(f -> f.isError()
        && f.key().equals("flush.size"));
  }

  @Test
  void malformedReferencesOfTheBundlesProvidersAreErrorsAndOthersWarnings() throws IOException {
    List<Finding> findings = validate(Map.of(
        "aws.access.key.id", "${ssm:us-east-1:/streamlake/prod/s3-key}",
        "aws.secret.access.key", "${vault:secret/s3:key}",
        "s3.object.tagging", "${s3import::truststore.jks}",
        "sts.role.external.id", "${secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:x:key}"))
        .findings();
    assertThat(findings).anyMatch(f -> f.isError() && f.key().equals("sts.role.external.id")
        && f.message().contains("URL-encoded"));
    assertThat(findings).anyMatch(f -> f.isError() && f.key().equals("aws.access.key.id")
        && f.message().contains("${ssm::/streamlake/prod/s3-key}"));
    assertThat(findings).anyMatch(f -> !f.isError() && f.key().equals("aws.secret.access.key")
        && f.message().contains("'vault' is not one of this plugin's config providers"));
    assertThat(findings).anyMatch(f -> f.isError() && f.key().equals("s3.object.tagging")
        && f.message().contains("<bucket>/<object key>"));
  }

  @Test
  void aWorkerConfigurationMustGiveEveryDeclaredProviderAClass() {
    assertThat(io.streamlake.deploy.providers.ReferenceChecks.worker(Map.of("config.providers", "secretsmanager,ssm",
        "config.providers.secretsmanager.class", "io.streamlake.connect.config.SecretsManagerConfigProvider")))
        .singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("config.providers.ssm.class"));
  }
}
