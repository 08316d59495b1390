package io.streamlake.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

class KafkaClusterIT {

  @Test
  void oneBrokerWithAScramListenerProducesConsumesCommitsAndCleansUp() throws Exception {
    long started = System.nanoTime();
    List<Path> dirs = new ArrayList<>();
    try (KafkaCluster kafka = KafkaCluster.builder().scramUser("reader", "s3cret-pw").start()) {
      System.out.printf("KRaft broker+controller up in %.1f s%n", (System.nanoTime() - started) / 1e9);
      assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
      dirs.addAll(kafka.logDirs());
      assertThat(dirs).allMatch(Files::isDirectory);
      kafka.createTopic("numbers", 3);
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        records.add(new ProducerRecord<>("numbers", i % 3, null, Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
      }
      kafka.produce(records);
      assertThat(kafka.consume("numbers", 3000, Duration.ofSeconds(30))).hasSize(3000)
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).doesNotHaveDuplicates();

      kafka.commitOffsets("g", Map.of(new TopicPartition("numbers", 0), 700L, new TopicPartition("numbers", 2), 3L));
      assertThat(kafka.committedOffsets("g")).containsOnly(Map.entry(new TopicPartition("numbers", 0), 700L),
          Map.entry(new TopicPartition("numbers", 2), 3L));

      try (Admin scram = Admin.create(saslClient(kafka, "s3cret-pw"))) {
        assertThat(scram.listTopics().names().get()).contains("numbers");
      }
      try (Admin wrong = Admin.create(saslClient(kafka, "not-it"))) {
        assertThatThrownBy(() -> wrong.listTopics().names().get()).hasCauseInstanceOf(
            SaslAuthenticationException.class);
      }
    }
    assertThat(dirs).isNotEmpty().noneMatch(Files::exists);
  }

  @Test
  void twoBrokersReplicateATopic() throws Exception {
    try (KafkaCluster kafka = KafkaCluster.builder().brokers(2).start()) {
      assertThat(kafka.bootstrapServers().split(",")).hasSize(2);
      kafka.createTopic("replicated", 2, 2);
      var description = kafka.admin().describeTopics(List.of("replicated")).allTopicNames().get().get("replicated");
      assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(2));
      kafka.produce(List.of(new ProducerRecord<>("replicated", 1, null, new byte[] {7})));
      assertThat(kafka.consume("replicated", 1, Duration.ofSeconds(30))).singleElement()
          .satisfies(r -> assertThat(r.value()).containsExactly(7));
    }
  }

  @Test
  void saslAddressesNeedAScramUser() {
    try (KafkaCluster kafka = KafkaCluster.start()) {
      assertThatThrownBy(kafka::saslBootstrapServers).hasMessageContaining("scramUser");
    }
  }

  private static Map<String, Object> saslClient(KafkaCluster kafka, String password) {
    return Map.of("bootstrap.servers", kafka.saslBootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "SCRAM-SHA-512", "request.timeout.ms", "10000", "default.api.timeout.ms", "15000",
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"reader\""
            + " password=\"" + password + "\";");
  }
}
