package io.streamlake.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;

class ConnectClusterIT {

  private static Map<String, String> counting(String topic, int tasks, int count) {
    return Map.of("connector.class", CountingSourceConnector.class.getName(), "tasks.max", Integer.toString(tasks),
        "topic", topic, "count", Integer.toString(count));
  }

  @Test
  void workersRunConnectorsJoinLeaveAndAnswerRest() throws Exception {
    try (KafkaCluster kafka = KafkaCluster.start()) {
      long started = System.nanoTime();
      try (ConnectCluster connect = ConnectCluster.builder(kafka.bootstrapServers()).group("kit-it").start()) {
        System.out.printf("Connect worker up in %.1f s%n", (System.nanoTime() - started) / 1e9);
        ConnectRest rest = connect.rest();
        assertThat(rest.get("connector-plugins").findValuesAsText("class"))
            .contains(CountingSourceConnector.class.getName());

        ConfigInfos bad = rest.validate(CountingSourceConnector.class.getSimpleName(),
            Map.of("connector.class", CountingSourceConnector.class.getName(), "count", "-1"));
        assertThat(bad.values().stream().filter(v -> !v.configValue().errors().isEmpty())
            .map(v -> v.configValue().name())).contains("topic", "count");

        kafka.createTopic("counted", 1);
        rest.configureConnector("count", counting("counted", 2, 50));
        assertThat(rest.awaitRunning("count", 2, Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(kafka.consume("counted", 100, Duration.ofSeconds(30))).hasSize(100);
        assertThat(rest.connectorStatus("count").tasks()).extracting(t -> t.workerId())
            .containsOnly(connect.workers().get(0).id());

        ConnectCluster.Worker joined = connect.addWorker();
        Set<String> workerIds = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (workerIds.size() < 2 && System.nanoTime() < deadline) {
          workerIds.clear();
          rest.connectorStatus("count").tasks().forEach(t -> workerIds.add(t.workerId()));
          Thread.sleep(200);
        }
        assertThat(workerIds).containsExactlyInAnyOrder(connect.workers().get(0).id(), joined.id());
        joined.close();
        assertThat(connect.workers()).hasSize(1);
        assertThat(rest.awaitRunning("count", 2, Duration.ofSeconds(60))).isEqualTo(2);

        rest.restartConnector("count", true, false);
        rest.awaitRunning("count", 2, Duration.ofSeconds(60));
        assertThat(rest.failure("count")).isNull();
        rest.deleteConnector("count");
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rest.get("connectors").size() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(rest.get("connectors")).isEmpty();
      }
    }
  }

  @Test
  void aFailingConnectorIsReportedWithItsCause() {
    try (KafkaCluster kafka = KafkaCluster.start();
        ConnectCluster connect = ConnectCluster.builder(kafka.bootstrapServers()).start()) {
      assertThatThrownBy(() -> connect.rest().configureConnector("broken",
          Map.of("connector.class", "no.such.Connector"))).isInstanceOf(ConnectRest.RestException.class)
          .hasMessageContaining("no.such.Connector");
    }
  }
}
