package io.streamlake.connect.lag.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.configdocs.ConfigDocs;
import io.streamlake.connect.lag.ConsumerLagSourceConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

class LagMetricsConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> props = new HashMap<>();
    props.put("admin.bootstrap.servers", "localhost:9092");
    return props;
  }

  private static Map<String, String> with(String... keyValues) {
    Map<String, String> props = minimal();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  @Test
  void defaultsMatchTheGuideScript() {
    LagMetricsConfig config = new LagMetricsConfig(minimal());
    assertThat(config.cloudWatchNamespace()).isEqualTo("MSK/ConsumerLag");
    assertThat(config.cloudWatchEnabled()).isTrue();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.metricsTopic()).contains("consumer-lag-metrics");
    assertThat(config.missingCommitPolicy()).isEqualTo(MissingCommitPolicy.SKIP);
    assertThat(config.timeLagMode()).isEqualTo(TimeLagMode.INTERPOLATION);
    assertThat(config.securityProtocol()).isEqualTo(SecurityProtocolChoice.PLAINTEXT);
    assertThat(config.storageResolution()).isEqualTo(60);
    assertThat(config.partitionMetricsEnabled()).isFalse();
  }

  @Test
  void testBootstrapRequired() {
    assertThatThrownBy(() -> new LagMetricsConfig(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("admin.bootstrap.servers");
  }

  @Test
  void testInvalidGroupRegexNamesOption() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("groups.include", "orders-(")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("groups.include").hasMessageContaining("regular expression");
    assertThatThrownBy(() -> new LagMetricsConfig(with("topics.exclude", "[")))
        .hasMessageContaining("topics.exclude");
  }

  @Test
  void testEnumOptionsListAllowedValues() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("missing.commit.policy", "latest")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("missing.commit.policy")
        .hasMessageContaining("skip, zero, log-start");
    assertThatThrownBy(() -> new LagMetricsConfig(with("time.lag.mode", "guess")))
        .hasMessageContaining("time.lag.mode").hasMessageContaining("interpolation, record-timestamp, none");
    assertThatThrownBy(() -> new LagMetricsConfig(with("admin.sasl.mechanism", "GSSAPI")))
        .hasMessageContaining("admin.sasl.mechanism")
        .hasMessageContaining("AWS_MSK_IAM, SCRAM-SHA-512, SCRAM-SHA-256, PLAIN");
    assertThatThrownBy(() -> new LagMetricsConfig(with("admin.security.protocol", "TLS")))
        .hasMessageContaining("admin.security.protocol").hasMessageContaining("PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
  }

  @Test
  void enumOptionsAreLenient() {
    LagMetricsConfig config = new LagMetricsConfig(with("missing.commit.policy", " LOG-START ",
        "time.lag.mode", "Record-Timestamp", "admin.security.protocol", "sasl_ssl", "admin.sasl.mechanism",
        "aws_msk_iam"));
    assertThat(config.missingCommitPolicy()).isEqualTo(MissingCommitPolicy.LOG_START);
    assertThat(config.timeLagMode()).isEqualTo(TimeLagMode.RECORD_TIMESTAMP);
    assertThat(config.securityProtocol()).isEqualTo(SecurityProtocolChoice.SASL_SSL);
    assertThat(config.saslMechanism()).isEqualTo(SaslMechanismChoice.AWS_MSK_IAM);
  }

  @Test
  void testNothingToEmitNamesBothKeys() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("metrics.topic", "", "cloudwatch.enabled", "false")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("metrics.topic").hasMessageContaining("cloudwatch.enabled");
  }

  @Test
  void testReservedNamespaceRejected() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("cloudwatch.namespace", "AWS/Kafka")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cloudwatch.namespace")
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> new LagMetricsConfig(with("cloudwatch.namespace", "")))
        .hasMessageContaining("cloudwatch.namespace");
  }

  @Test
  void testStorageResolutionOnlyOneOrSixty() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("cloudwatch.storage.resolution", "5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cloudwatch.storage.resolution")
        .hasMessageContaining("1, 60");
    assertThat(new LagMetricsConfig(with("cloudwatch.storage.resolution", "1")).storageResolution()).isEqualTo(1);
  }

  @Test
  void testEndpointMustBeHttpUri() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("cloudwatch.endpoint", "monitoring.local")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cloudwatch.endpoint");
    assertThat(new LagMetricsConfig(with("cloudwatch.endpoint", "http://127.0.0.1:4566")).cloudWatchEndpoint())
        .hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(4566));
  }

  @Test
  void testAccessKeyWithoutSecret() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("aws.access.key.id", "AKIA123")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aws.access.key.id").hasMessageContaining("aws.secret.access.key");
  }

  @Test
  void testMaxBackoffBelowBackoff() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("cloudwatch.retry.backoff.ms", "500",
        "cloudwatch.retry.max.backoff.ms", "100")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cloudwatch.retry.max.backoff.ms").hasMessageContaining("cloudwatch.retry.backoff.ms");
  }

  @Test
  void testScramNeedsUserAndPassword() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("admin.security.protocol", "SASL_SSL",
        "admin.sasl.mechanism", "SCRAM-SHA-512", "admin.sasl.username", "alice")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("admin.sasl.username").hasMessageContaining("admin.sasl.password")
        .hasMessageContaining("admin.sasl.jaas.config");
    new LagMetricsConfig(with("admin.security.protocol", "SASL_SSL", "admin.sasl.mechanism", "SCRAM-SHA-512",
        "admin.sasl.username", "alice", "admin.sasl.password", "s3cret"));
  }

  @Test
  void testIamNeedsSaslSsl() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("admin.security.protocol", "SASL_PLAINTEXT",
        "admin.sasl.mechanism", "AWS_MSK_IAM")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("admin.security.protocol").hasMessageContaining("SASL_SSL")
        .hasMessageContaining("admin.sasl.mechanism");
  }

  @Test
  void regionComesFromMskBootstrapHost() {
    LagMetricsConfig config = new LagMetricsConfig(with("admin.bootstrap.servers",
        "b-1.lake.abc123.c2.kafka.eu-west-1.amazonaws.com:9098,b-2.lake.abc123.c2.kafka.eu-west-1.amazonaws.com:9098"));
    assertThat(config.cloudWatchRegion()).contains("eu-west-1");
    assertThat(new LagMetricsConfig(minimal()).cloudWatchRegion()).isEmpty();
    assertThat(new LagMetricsConfig(with("cloudwatch.region", "us-east-2", "admin.bootstrap.servers",
        "b-1.x.kafka.eu-west-1.amazonaws.com:9098")).cloudWatchRegion()).contains("us-east-2");
  }

  @Test
  void unknownAdminKeysPassThrough() {
    LagMetricsConfig config = new LagMetricsConfig(with("admin.ssl.endpoint.identification.algorithm", "",
        "admin.metadata.max.age.ms", "1000", "admin.sasl.username", "bob"));
    assertThat(config.adminPassThrough()).containsOnly(Map.entry("ssl.endpoint.identification.algorithm", ""),
        Map.entry("metadata.max.age.ms", "1000"));
  }

  @Test
  void patternsAreFullMatches() {
    LagMetricsConfig config = new LagMetricsConfig(with("groups.include", "app-.*", "groups.exclude", "app-test"));
    assertThat(config.groupsInclude().matcher("app-1").matches()).isTrue();
    assertThat(config.groupsExclude()).hasValueSatisfying(p -> assertThat(p.pattern()).isEqualTo("app-test"));
    assertThat(new LagMetricsConfig(minimal()).groupsExclude()).isEqualTo(Optional.empty());
  }

  @Test
  void connectorValidateAttachesMultiKeyProblemsToTheirKeys() {
    Config result = new ConsumerLagSourceConnector().validate(with("admin.security.protocol", "SASL_SSL",
        "admin.sasl.mechanism", "PLAIN"));
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue value : result.configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    assertThat(errors).containsOnlyKeys("admin.sasl.mechanism", "admin.security.protocol", "admin.sasl.username",
        "admin.sasl.password", "admin.sasl.jaas.config");
    assertThat(errors.values()).allSatisfy(messages -> assertThat(messages).singleElement().asString()
        .contains("admin.sasl.password"));
  }

  @Test
  void everyMultiKeyProblemIsReportedNotOnlyTheFirst() {
    Map<String, String> props = with("metrics.topic", "", "cloudwatch.enabled", "false",
        "cloudwatch.retry.backoff.ms", "500", "cloudwatch.retry.max.backoff.ms", "100");
    assertThat(LagMetricsConfig.validate(props)).hasSize(2);
    assertThatThrownBy(() -> new LagMetricsConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("2 problems").hasMessageContaining("Nothing to emit")
        .hasMessageContaining("cloudwatch.retry.max.backoff.ms must be at least");
  }

  @Test
  void stsAssumeRoleForCloudWatch() {
    LagMetricsConfig config = new LagMetricsConfig(with("sts.role.arn", "arn:aws:iam::123456789012:role/metrics",
        "sts.role.external.id", "ext-1"));
    AssumeRoleRequest request = config.credentials().assumeRole().orElseThrow().request();
    assertThat(request.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/metrics");
    assertThat(request.roleSessionName()).isEqualTo("streamlake-lag-metrics");
    assertThat(request.externalId()).isEqualTo("ext-1");
  }

  @Test
  void unknownCredentialsProviderIsRejectedWithTheAllowedValues() {
    assertThatThrownBy(() -> new LagMetricsConfig(with("aws.credentials.provider", "com.example.Custom")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("aws.credentials.provider")
        .hasMessageContaining("default (or com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
  }

  @Test
  void connectorStartsOneTaskWhateverTasksMax() {
    ConsumerLagSourceConnector connector = new ConsumerLagSourceConnector();
    connector.start(minimal());
    assertThat(connector.taskConfigs(1)).hasSize(1);
    assertThat(connector.taskConfigs(8)).hasSize(1).first().isEqualTo(minimal());
  }

  @Test
  void readmeOptionsTableIsUpToDate() throws Exception {
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "lag-metrics", LagMetricsConfig.CONFIG_DEF);
  }
}
