package io.streamlake.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.common.config.ConfigProblem;
import io.streamlake.common.config.ConfigProblems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

class AwsCredentialsConfigTest {

  private static final String PREFIX = "s3.credentials.provider.";
  private static final AwsCredentialsConfig FRAGMENT = AwsCredentialsConfig.withAliases("streamlake", PREFIX);
  private static final ConfigDef DEF = define();

  private static ConfigDef define() {
    ConfigDef def = new ConfigDef();
    FRAGMENT.define(def, "AWS", 0);
    return def;
  }

  private final ConfigProblems problems = new ConfigProblems();

  private CredentialSettings resolve(Map<String, String> props) {
    return FRAGMENT.resolve(new AbstractConfig(DEF, props), problems);
  }

  @Test
  void nothingSetMeansTheDefaultChain() {
    CredentialSettings settings = resolve(Map.of());
    assertThat(problems.isEmpty()).isTrue();
    assertThat(settings.kind()).isEqualTo(CredentialsProviderKind.DEFAULT);
    assertThat(settings.assumeRole()).isEmpty();
    try (CredentialSettings.Provider provider = settings.provider(Region.US_EAST_1)) {
      assertThat(provider.delegate()).isInstanceOf(DefaultCredentialsProvider.class);
    }
  }

  @Test
  void staticKeysAreUsedWhenSet() {
    CredentialSettings settings = resolve(Map.of("aws.access.key.id", "AKIA1", "aws.secret.access.key", "s3cr3t"));
    assertThat(problems.isEmpty()).isTrue();
    assertThat(settings.kind()).isEqualTo(CredentialsProviderKind.STATIC);
    try (CredentialSettings.Provider provider = settings.provider(Region.US_EAST_1)) {
      assertThat(provider.delegate()).isInstanceOf(StaticCredentialsProvider.class);
      assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIA1");
    }
  }

  @Test
  void confluentCrossAccountConfigAssumesTheRole() {
    CredentialSettings settings = resolve(Map.of(
        "s3.credentials.provider.class", "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider",
        "s3.credentials.provider.sts.role.arn", "arn:aws:iam::123456789012:role/lake-writer",
        "s3.credentials.provider.sts.role.session.name", "orders-sink",
        "s3.credentials.provider.sts.role.external.id", "ext-42"));
    assertThat(problems.list()).isEmpty();
    assertThat(settings.kind()).isEqualTo(CredentialsProviderKind.ASSUME_ROLE);
    AssumeRoleRequest request = settings.assumeRole().orElseThrow().request();
    assertThat(request.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/lake-writer");
    assertThat(request.roleSessionName()).isEqualTo("orders-sink");
    assertThat(request.externalId()).isEqualTo("ext-42");
    try (CredentialSettings.Provider provider = settings.provider(Region.EU_WEST_1)) {
      assertThat(provider.delegate()).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
    }
  }

  @Test
  void nativeRoleKeysWorkWithTheDefaultSessionName() {
    CredentialSettings settings = resolve(Map.of("sts.role.arn", "arn:aws:iam::1:role/r"));
    assertThat(problems.isEmpty()).isTrue();
    assertThat(settings.assumeRole()).contains(new AssumeRole("arn:aws:iam::1:role/r", "streamlake",
        Optional.empty()));
  }

  @Test
  void awsSdkClassNamesAreAccepted() {
    assertThat(resolve(Map.of("s3.credentials.provider.class",
        "com.amazonaws.auth.DefaultAWSCredentialsProviderChain")).kind()).isEqualTo(CredentialsProviderKind.DEFAULT);
    assertThat(resolve(Map.of("aws.credentials.provider",
        "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider")).kind())
        .isEqualTo(CredentialsProviderKind.DEFAULT);
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void unknownProviderClassIsRejectedNamingTheOptionAndTheAllowedValues() {
    ConfigDef.Validator validator = DEF.configKeys().get("s3.credentials.provider.class").validator;
    assertThatThrownBy(() -> validator.ensureValid("s3.credentials.provider.class", "com.example.MyProvider"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("s3.credentials.provider.class")
        .hasMessageContaining("assume-role (or io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider");
    assertThatThrownBy(() -> new AbstractConfig(DEF, Map.of("aws.credentials.provider", "magic")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("aws.credentials.provider");
  }

  @Test
  void assumeRoleWithoutARoleIsAProblemNamingEveryKey() {
    resolve(Map.of("s3.credentials.provider.class", "assume-role"));
    assertThat(problems.list()).singleElement().extracting(ConfigProblem::keys).isEqualTo(List.of(
        "aws.credentials.provider", "s3.credentials.provider.class", "sts.role.arn",
        "s3.credentials.provider.sts.role.arn"));
  }

  @Test
  void accessKeyWithoutSecretIsAProblem() {
    resolve(Map.of("aws.access.key.id", "AKIA1"));
    assertThat(problems.list()).singleElement().satisfies(problem -> {
      assertThat(problem.keys()).containsExactly("aws.access.key.id", "aws.secret.access.key");
      assertThat(problem.message()).contains("must be set together");
    });
  }

  @Test
  void staticProviderWithoutKeysIsAProblem() {
    resolve(Map.of("aws.credentials.provider", "static"));
    assertThat(problems.list()).singleElement().extracting(ConfigProblem::keys)
        .isEqualTo(List.of("aws.credentials.provider", "aws.access.key.id", "aws.secret.access.key"));
  }

  @Test
  void keysWithAProviderThatIgnoresThemIsAProblem() {
    resolve(Map.of("aws.credentials.provider", "environment", "aws.access.key.id", "A",
        "aws.secret.access.key", "B"));
    assertThat(problems.list()).singleElement().extracting(ConfigProblem::keys)
        .isEqualTo(List.of("aws.credentials.provider", "aws.access.key.id"));
  }

  @Test
  void bothSpellingsWithDifferentValuesIsAProblemNamingBoth() {
    resolve(Map.of("sts.role.arn", "arn:aws:iam::1:role/a", "s3.credentials.provider.sts.role.arn",
        "arn:aws:iam::1:role/b"));
    assertThat(problems.list()).singleElement().extracting(ConfigProblem::keys)
        .isEqualTo(List.of("sts.role.arn", "s3.credentials.provider.sts.role.arn"));
  }

  @Test
  void externalIdWithoutARoleIsAProblem() {
    resolve(Map.of("sts.role.external.id", "x"));
    assertThat(problems.list()).singleElement().extracting(ConfigProblem::keys).isEqualTo(List.of(
        "sts.role.external.id", "s3.credentials.provider.sts.role.external.id", "sts.role.arn",
        "s3.credentials.provider.sts.role.arn"));
  }

  @Test
  void secretsNeverShowInToStringOrProblems() {
    CredentialSettings settings = resolve(Map.of("aws.access.key.id", "AKIA1", "aws.secret.access.key",
        "topsecret", "sts.role.arn", "arn:aws:iam::1:role/r", "sts.role.external.id", "ext-secret"));
    assertThat(settings.toString()).doesNotContain("topsecret").doesNotContain("ext-secret");
    assertThat(settings.assumeRole().orElseThrow().toString()).doesNotContain("ext-secret");
    resolve(Map.of("aws.secret.access.key", "topsecret"));
    assertThat(problems.list()).allSatisfy(problem -> assertThat(problem.message()).doesNotContain("topsecret"));
  }

  @Test
  void withoutAliasesOnlyNativeKeysAreDefined() {
    ConfigDef def = new ConfigDef();
    AwsCredentialsConfig.of("lag").define(def, "AWS", 0);
    assertThat(def.names()).containsExactlyInAnyOrder("aws.access.key.id", "aws.secret.access.key",
        "aws.credentials.provider", "sts.role.arn", "sts.role.session.name", "sts.role.external.id");
    assertThat(def.configKeys().get("aws.secret.access.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(def.configKeys().get("sts.role.external.id").type).isEqualTo(ConfigDef.Type.PASSWORD);
  }
}
