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
}
