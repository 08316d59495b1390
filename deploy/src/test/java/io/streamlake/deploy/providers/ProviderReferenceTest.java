package io.streamlake.deploy.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderReferenceTest {

  @TempDir
  Path dir;

  @Test
  void findsEveryReferenceAsConnectDoesWithoutTtlSuffixes() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("aws.secret.access.key", "${secretsmanager:prod/s3:secret_access_key?ttl=60000}");
    config.put("aws.access.key.id", "${ssm::/prod/s3-key}");
    config.put("sasl.jaas.config", "ScramLoginModule required username=\"${ssm::/u}\" password=\"${secretsmanager:db}\";");
    config.put("topics", "orders");
    List<ProviderReference> found = ProviderReference.find(config);
    assertThat(found).extracting(ProviderReference::text).containsExactly(
        "secretsmanager:prod/s3:secret_access_key", "ssm::/prod/s3-key", "ssm::/u", "secretsmanager:db");
    assertThat(found).extracting(ProviderReference::option).containsExactly("aws.secret.access.key",
        "aws.access.key.id", "sasl.jaas.config", "sasl.jaas.config");
    assertThat(found.get(3).path()).isNull();
    assertThat(found.get(1).path()).isEmpty();
    assertThat(ProviderReference.holdsReference("orders")).isFalse();
  }

  @Test
  void parsesWrittenReferencesWithOrWithoutTheBraces() {
    assertThat(ProviderReference.parse("${ssm::/a/b}").text()).isEqualTo("ssm::/a/b");
    assertThat(ProviderReference.parse("secretsmanager:x:k?ttl=5").text()).isEqualTo("secretsmanager:x:k");
    assertThatThrownBy(() -> ProviderReference.parse("password")).hasMessageContaining("not a config provider");
  }

  @Test
  void localValuesComeFromFilesAndArgumentsAndNameWhatIsMissing() throws IOException {
    Path file = dir.resolve("values");
    Files.writeString(file, "# local values\n\n${secretsmanager:a=b:key}=v=1\nssm::/p=file-value\n");
    LocalValues values = LocalValues.of(List.of("ssm::/p=arg-value", "${s3import::certs/ts.jks}=/tmp/ts.jks"),
        List.of(file));
    assertThat(values.asMap()).containsEntry("secretsmanager:a=b:key", "v=1").containsEntry("ssm::/p", "arg-value")
        .containsEntry("s3import::certs/ts.jks", "/tmp/ts.jks");
    List<ProviderReference> references = ProviderReference.find(Map.of("x", "${ssm::/p?ttl=10}",
        "y", "${secretsmanager:other:key}"));
    assertThat(values.missing(references)).extracting(ProviderReference::text)
        .containsExactly("secretsmanager:other:key");
    assertThatThrownBy(() -> LocalValues.of(List.of("just-a-value"), List.of()))
        .hasMessageContaining("--secret").hasMessageContaining("REFERENCE=VALUE");
  }

  @Test
  void preparingLocalProvidersFailsNamingEveryMissingReferenceButNoValue() throws IOException {
    LocalValues values = LocalValues.of(List.of("ssm::/p=the-value"), List.of());
    List<ProviderReference> references = ProviderReference.find(Map.of("a", "${ssm::/p}",
        "b", "${secretsmanager:prod/db:password}"));
    assertThatThrownBy(() -> LocalProviders.prepare(references, values))
        .hasMessageContaining("${secretsmanager:prod/db:password} (b)")
        .hasMessageContaining("--secret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("the-value"));
  }

  @Test
  void theLocalProviderAnswersFromTheValuesFileAsTheWorkerAsksIt() throws IOException {
    LocalValues values = LocalValues.of(List.of("ssm::/p=v1", "secretsmanager:prod/db:password=pw"), List.of());
    List<ProviderReference> references = ProviderReference.find(Map.of("a", "${ssm::/p}",
        "b", "${secretsmanager:prod/db:password?ttl=1000}"));
    Path file;
    try (LocalProviders providers = LocalProviders.prepare(references, values)) {
      Map<String, String> props = providers.workerProps();
      assertThat(props).containsEntry("config.providers", "secretsmanager,ssm")
          .containsEntry("config.providers.ssm.class", LocalValuesProvider.class.getName())
          .containsEntry("config.providers.ssm.param.provider", "ssm");
      file = Path.of(props.get("config.providers.ssm.param.file"));
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      LocalValuesProvider ssm = new LocalValuesProvider();
      ssm.configure(Map.of("provider", "ssm", "file", file.toString()));
      assertThat(ssm.get("", Set.of("/p")).data()).containsEntry("/p", "v1");
      LocalValuesProvider secrets = new LocalValuesProvider();
      secrets.configure(Map.of("provider", "secretsmanager", "file", file.toString()));
      assertThat(secrets.get("prod/db", Set.of("password?ttl=1000")).data())
          .containsEntry("password?ttl=1000", "pw");
      assertThatThrownBy(() -> secrets.get("prod/db", Set.of("user")))
          .isInstanceOf(ConfigException.class).hasMessageContaining("${secretsmanager:prod/db:user}");
    }
    assertThat(file).as("deleted when the run ends").doesNotExist();
  }

  @Test
  void theLocalProviderResolvesAPathlessReferenceGivenBySecretAsConnectAsksForIt() throws IOException {
    // Connect's ConfigTransformer passes "" (not null) as the path of ${secretsmanager:name}.
    LocalValues values = LocalValues.of(List.of("secretsmanager:prod-db=whole-secret"), List.of());
    List<ProviderReference> references = ProviderReference.find(Map.of("a", "${secretsmanager:prod-db}"));
    assertThat(values.missing(references)).isEmpty();
    try (LocalProviders providers = LocalProviders.prepare(references, values)) {
      LocalValuesProvider secrets = new LocalValuesProvider();
      secrets.configure(Map.of("provider", "secretsmanager",
          "file", providers.workerProps().get("config.providers.secretsmanager.param.file")));
      assertThat(secrets.get("", Set.of("prod-db?ttl=1000")).data()).containsEntry("prod-db?ttl=1000", "whole-secret");
      assertThatThrownBy(() -> secrets.get("", Set.of("other")))
          .isInstanceOf(ConfigException.class).hasMessageContaining("${secretsmanager:other}")
          .hasMessageContaining("--secret secretsmanager:other=VALUE")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretsmanager::"));
    }
  }

  @Test
  void anEmptyPathAndNoPathPartAreTheSameReferenceToTheWorker() throws IOException {
    LocalValues values = LocalValues.of(List.of("ssm:/p=v"), List.of());
    assertThat(values.missing(ProviderReference.find(Map.of("a", "${ssm::/p}")))).isEmpty();
    assertThat(values.substitute("dir-${ssm::/p}")).isEqualTo("dir-v");
    assertThat(ProviderReference.parse("secretsmanager:name").lookupKey())
        .isEqualTo(ProviderReference.parse("${secretsmanager::name}").lookupKey());
    assertThat(ProviderReference.parse("secretsmanager:name").text()).isEqualTo("secretsmanager:name");
  }
}
