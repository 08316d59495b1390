package io.streamlake.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MskRulesTest {

  @Test
  void testListenerAndRestSettingsAreRejectedInWorkerConfig() {
    assertThat(MskRules.checkWorker(Map.of("listeners", "http://:8083", "rest.port", "8083")))
        .allMatch(Finding::isError).hasSize(2);
  }

  @Test
  void testClusterSettingsAreWarningsInWorkerConfig() {
    assertThat(MskRules.checkWorker(Map.of("bootstrap.servers", "b:9092", "sasl.mechanism", "AWS_MSK_IAM")))
        .noneMatch(Finding::isError).hasSize(2);
  }

  @Test
  void testConvertersAndOffsetsTopicAreAllowed() {
    assertThat(MskRules.checkWorker(Map.of("key.converter", "x", "offset.storage.topic", "t",
        "config.providers", "secretsmanager"))).isEmpty();
  }

  @Test
  void testMetricReportersInConnectorConfigIsRejected() {
    assertThat(MskRules.checkConnector(Map.of("metric.reporters", "x", "topics", "a")))
        .singleElement().satisfies(f -> assertThat(f.isError()).isTrue());
  }

  @Test
  void testOverridePolicyOtherThanNoneIsAWarning() {
    assertThat(MskRules.checkWorker(Map.of("connector.client.config.override.policy", "All")))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("sasl.jaas.config").contains("None"));
    assertThat(MskRules.checkWorker(Map.of("connector.client.config.override.policy", "None"))).isEmpty();
  }

  @Test
  void testClientOverrideInConnectorConfigIsAWarning() {
    assertThat(MskRules.checkConnector(Map.of("consumer.override.session.timeout.ms", "10000")))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("worker configuration"));
  }

  @Test
  void testDeployWorkerConfigurationAllowsNoOverrideAndSetsTheSessionTimeout() throws java.io.IOException {
    java.util.Properties worker = new java.util.Properties();
    try (java.io.Reader in = java.nio.file.Files.newBufferedReader(io.streamlake.deploy.DeployFiles.deployDir()
        .resolve("worker/msk-connect-worker.properties"))) {
      worker.load(in);
    }
    assertThat(worker.getProperty("connector.client.config.override.policy")).isEqualTo("None");
    assertThat(worker.getProperty("consumer.session.timeout.ms")).isEqualTo("10000");
    assertThat(worker.getProperty("consumer.heartbeat.interval.ms")).isEqualTo("3000");
  }
}
