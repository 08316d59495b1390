package io.streamlake.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.testsupport.AwsJsonStandIn;
import io.streamlake.testsupport.AwsJsonStandIn.AwsError;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretsManagerConfigProviderTest {

  private static final String TARGET = "secretsmanager.GetSecretValue";
  private static final String DB_SECRET = "{\"username\":\"app\",\"password\":\"s3cr3t-Pa55\",\"port\":5432}";
  private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";

  private final Map<String, String> secrets = new HashMap<>();
  private AwsJsonStandIn standIn;
  private SecretsManagerConfigProvider provider;

  @BeforeEach
  void start() {
    secrets.put("prod/db", DB_SECRET);
    secrets.put(ARN, DB_SECRET);
    secrets.put("plain", "just-a-token+/=");
    standIn = AwsJsonStandIn.start("Secrets Manager").on(TARGET, request -> {
      String id = request.path("SecretId").asText();
      if (id.startsWith("denied")) {
        throw new AwsError(400, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/x is not"
            + " authorized to perform: secretsmanager:GetSecretValue on resource: " + id);
      }
      String value = secrets.get(id);
      if (value == null) {
        throw AwsJsonStandIn.notFound("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
      }
      return Map.of("ARN", ARN, "Name", id, "SecretString", value, "VersionId", "v1");
    });
    provider = configured(Map.of());
  }

  private SecretsManagerConfigProvider configured(Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("region", "us-east-1", "endpoint", standIn.endpoint().toString(),
        "aws.access.key.id", "PROVIDERKEY", "aws.secret.access.key", "provider-secret",
        "retry.backoff.ms", "1", "retry.max.backoff.ms", "2"));
    params.putAll(extra);
    SecretsManagerConfigProvider configured = new SecretsManagerConfigProvider();
    configured.configure(params);
    return configured;
  }

  @AfterEach
  void stop() {
    provider.close();
    standIn.close();
  }

  @Test
  void resolvesKeysOfAJsonSecretWithOneCallSignedWithTheProvidersCredentials() {
    ConfigData data = provider.get("prod/db", Set.of("username", "password", "port"));
    assertThat(data.data()).containsExactlyInAnyOrderEntriesOf(
        Map.of("username", "app", "password", "s3cr3t-Pa55", "port", "5432"));
    assertThat(data.ttl()).isNull();
    assertThat(standIn.calls(TARGET.substring(TARGET.indexOf('.') + 1))).hasSize(1)
        .allSatisfy(call -> {
          assertThat(call.body().path("SecretId").asText()).isEqualTo("prod/db");
          assertThat(call.accessKeyId()).isEqualTo("PROVIDERKEY");
        });
  }

  @Test
  void aUrlEncodedArnIsDecodedAndAPlusStaysAPlus() {
    String encoded = ARN.replace(":", "%3A");
    assertThat(provider.get(encoded, Set.of("password")).data()).containsEntry("password", "s3cr3t-Pa55");
  }

  @Test
  void withoutAKeyTheWholeSecretStringIsTheValue() {
    ConfigData data = provider.get(null, Set.of("plain", "prod/db"));
    assertThat(data.data()).containsEntry("plain", "just-a-token+/=").containsEntry("prod/db", DB_SECRET);
  }

  @Test
  void aPathlessReferenceAsConnectPassesItResolvesAndFailsNamingTheReferenceAsWritten() {
    // ConfigTransformer hands ${secretsmanager:plain} over with path "" (not null).
    assertThat(provider.get("", Set.of("plain")).data()).containsEntry("plain", "just-a-token+/=");
    assertThatThrownBy(() -> provider.get("", Set.of("nope?ttl=1000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${secretsmanager:nope?ttl=1000}")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretsmanager::"));
  }

  @Test
  void aTtlSuffixOnTheKeySetsTheTtlAndStaysInTheReturnedKey() {
    ConfigData data = provider.get("prod/db", Set.of("password?ttl=60000", "username?ttl=30000", "port"));
    assertThat(data.data()).containsEntry("password?ttl=60000", "s3cr3t-Pa55").containsEntry("username?ttl=30000", "app");
    assertThat(data.ttl()).isEqualTo(30_000L);
  }

  @Test
  void theProvidersTtlAppliesWhenNoReferenceSetsOne() {
    provider.close();
    provider = configured(Map.of("ttl.ms", "600000"));
    assertThat(provider.get("prod/db", Set.of("password")).ttl()).isEqualTo(600_000L);
    assertThat(provider.get("prod/db", Set.of("password?ttl=1000")).ttl()).isEqualTo(1_000L);
  }

  @Test
  void anUnknownSecretFailsNamingTheReference() {
    assertThatThrownBy(() -> provider.get("prod/nope", Set.of("password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${secretsmanager:prod/nope:password}")
        .hasMessageContaining("no such secret")
        .hasMessageContaining("ResourceNotFoundException");
  }

  @Test
  void aMissingKeyFailsNamingTheReferenceButNoValue() {
    assertThatThrownBy(() -> provider.get("prod/db", Set.of("username", "pasword")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${secretsmanager:prod/db:pasword}")
        .hasMessageContaining("no key 'pasword'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-Pa55").doesNotContain("app"));
  }

  @Test
  void aDeniedRequestFailsAsAccessDeniedNamingTheReference() {
    assertThatThrownBy(() -> provider.get("denied/db", Set.of("password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${secretsmanager:denied/db:password}")
        .hasMessageContaining("access denied")
        .hasMessageContaining("AccessDeniedException");
    assertThat(standIn.calls("GetSecretValue")).as("not retried").hasSize(1);
  }

  @Test
  void aSecretThatIsNotJsonIsNeverQuotedInTheError() {
    secrets.put("token", "{not json s3cr3t-Pa55");
    assertThatThrownBy(() -> provider.get("token", Set.of("password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${secretsmanager:token:password}")
        .hasMessageContaining("not a JSON object")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
  }

  @Test
  void throttlingAndServerErrorsAreRetried() {
    standIn.failNext(1, 400, "ThrottlingException");
    standIn.failNext(1, 500, "InternalServiceError");
    assertThat(provider.get("prod/db", Set.of("password")).data()).containsEntry("password", "s3cr3t-Pa55");
    assertThat(standIn.injectedFailures()).isEqualTo(2);
    assertThat(standIn.calls("GetSecretValue")).hasSize(3);
  }

  @Test
  void retriesStopAtRetryMaxAttempts() {
    provider.close();
    provider = configured(Map.of("retry.max.attempts", "2"));
    standIn.failNext(3, 503, "ServiceUnavailable");
    assertThatThrownBy(() -> provider.get("prod/db", Set.of("password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${secretsmanager:prod/db:password}")
        .hasMessageContaining("after 2 attempts");
    assertThat(standIn.injectedFailures()).isEqualTo(2);
  }

  @Test
  void unknownOptionsAreRefusedByName() {
    SecretsManagerConfigProvider other = new SecretsManagerConfigProvider();
    assertThatThrownBy(() -> other.configure(Map.of("region", "us-east-1", "NotFoundStrategy", "ignore")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[NotFoundStrategy]")
        .hasMessageContaining("secretsmanager config provider");
  }

  @Test
  void badOptionValuesNameTheOption() {
    assertThatThrownBy(() -> new SecretsManagerConfigProvider().configure(Map.of("endpoint", "not a url")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("endpoint");
    assertThatThrownBy(() -> new SecretsManagerConfigProvider().configure(Map.of("ttl.ms", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ttl.ms");
    assertThatThrownBy(() -> new SecretsManagerConfigProvider().configure(Map.of("aws.access.key.id", "AK")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("aws.secret.access.key");
    assertThatThrownBy(() -> provider.get("prod/db", Set.of("password?ttl=soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("?ttl=soon");
  }

  @Test
  void aWholePathIsNotSupported() {
    assertThatThrownBy(() -> provider.get("prod/db")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("single references");
  }
}
