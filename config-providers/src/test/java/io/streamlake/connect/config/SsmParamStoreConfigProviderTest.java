package io.streamlake.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.testsupport.AwsJsonStandIn;
import io.streamlake.testsupport.AwsJsonStandIn.AwsError;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SsmParamStoreConfigProviderTest {

  private static final String TARGET = "AmazonSSM.GetParameter";
  private static final Map<String, String> PARAMETERS = Map.of(
      "/streamlake/prod/s3-access-key", "AKIAEXAMPLE",
      "/streamlake/prod/db-password", "pa55-w0rd",
      "/streamlake/prod/hosts", "a.example.com,b.example.com");

  private AwsJsonStandIn standIn;
  private SsmParamStoreConfigProvider provider;

  @BeforeEach
  void start() {
    standIn = AwsJsonStandIn.start("SSM").on(TARGET, request -> {
      String name = request.path("Name").asText();
      if (name.startsWith("/denied/")) {
        throw new AwsError(400, "AccessDeniedException", "not authorized to perform: ssm:GetParameter on " + name);
      }
      String value = PARAMETERS.get(name);
      if (value == null) {
        throw AwsJsonStandIn.notFound("ParameterNotFound", "");
      }
      String type = name.endsWith("hosts") ? "StringList" : "SecureString";
      return Map.of("Parameter", Map.of("Name", name, "Type", type, "Value", value, "Version", 3));
    });
    provider = new SsmParamStoreConfigProvider();
    provider.configure(Map.of("region", "eu-west-1", "endpoint", standIn.endpoint().toString(),
        "aws.access.key.id", "SSMKEY", "aws.secret.access.key", "ssm-secret", "retry.backoff.ms", "1"));
  }

  @AfterEach
  void stop() {
    provider.close();
    standIn.close();
  }

  @Test
  void resolvesParametersDecryptingSecureStrings() {
    ConfigData data = provider.get("", Set.of("/streamlake/prod/s3-access-key", "/streamlake/prod/db-password",
        "/streamlake/prod/hosts"));
    assertThat(data.data()).containsExactlyInAnyOrderEntriesOf(PARAMETERS);
    assertThat(standIn.calls("GetParameter")).hasSize(3).allSatisfy(call -> {
      assertThat(call.body().path("WithDecryption").asBoolean()).isTrue();
      assertThat(call.accessKeyId()).isEqualTo("SSMKEY");
    });
  }

  @Test
  void aReferenceWithoutThePathPartWorksToo() {
    assertThat(provider.get(null, Set.of("/streamlake/prod/db-password")).data())
        .containsEntry("/streamlake/prod/db-password", "pa55-w0rd");
  }

  @Test
  void aTtlSuffixSetsTheTtl() {
    ConfigData data = provider.get("", Set.of("/streamlake/prod/db-password?ttl=90000"));
    assertThat(data.data()).containsEntry("/streamlake/prod/db-password?ttl=90000", "pa55-w0rd");
    assertThat(data.ttl()).isEqualTo(90_000L);
  }

  @Test
  void anUnknownParameterFailsNamingTheReference() {
    assertThatThrownBy(() -> provider.get("", Set.of("/streamlake/prod/nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${ssm::/streamlake/prod/nope}")
        .hasMessageContaining("no such parameter");
  }

  @Test
  void aDeniedRequestFailsNamingTheReference() {
    assertThatThrownBy(() -> provider.get("", Set.of("/denied/x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${ssm::/denied/x}")
        .hasMessageContaining("access denied");
  }

  @Test
  void throttlingIsRetried() {
    standIn.failNext(2, 400, "ThrottlingException");
    assertThat(provider.get("", Set.of("/streamlake/prod/db-password")).data()).hasSize(1);
    assertThat(standIn.injectedFailures()).isEqualTo(2);
    assertThat(standIn.calls("GetParameter")).hasSize(3);
  }

  @Test
  void aPathPartIsRefusedWithTheRightSyntax() {
    assertThatThrownBy(() -> provider.get("us-east-1", Set.of("/streamlake/prod/db-password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${ssm:us-east-1:/streamlake/prod/db-password}")
        .hasMessageContaining("${ssm::/streamlake/prod/db-password}");
    assertThat(standIn.calls()).isEmpty();
  }
}
