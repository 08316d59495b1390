package io.streamlake.connect.lag.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streamlake.connect.lag.LagPoller;
import io.streamlake.connect.lag.LagPollers;
import io.streamlake.connect.lag.PollOutcome;
import io.streamlake.connect.lag.config.LagMetricsConfig;
import io.streamlake.connect.lag.lag.PartitionLag;
import io.streamlake.connect.lag.testing.LogCapture;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.testsupport.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The task's own AdminClient authenticating with SASL/SCRAM-SHA-512 built from admin.sasl.username/password. */
class ScramAuthIT {

  private static final String PASSWORD = "scram-Pa55-\"quoted\"";
  private static KafkaCluster broker;

  @BeforeAll
  static void start() throws Exception {
    // a PLAINTEXT listener for the setup, a SASL_PLAINTEXT one accepting SCRAM-SHA-512 (MSK's SCRAM port minus TLS)
    broker = KafkaCluster.builder().scramUser("lag-reader", PASSWORD).start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("invoices", 2, (short) 1))).all().get();
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        acks.add(producer.send(new ProducerRecord<>("invoices", i % 2, null, new byte[] {1})));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    }
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
        broker.bootstrapServers(), "group.id", "accounting"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.commitSync(Map.of(new TopicPartition("invoices", 0), new OffsetAndMetadata(5L),
          new TopicPartition("invoices", 1), new OffsetAndMetadata(15L)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  private static LagPoller poller(String password) {
    Map<String, String> props = new HashMap<>();
    props.put("admin.bootstrap.servers", broker.saslBootstrapServers());
    props.put("admin.security.protocol", "SASL_PLAINTEXT");
    props.put("admin.sasl.mechanism", "SCRAM-SHA-512");
    props.put("admin.sasl.username", "lag-reader");
    props.put("admin.sasl.password", password);
    props.put("admin.request.timeout.ms", "10000");
    props.put("cloudwatch.enabled", "false");
    return LagPollers.create(new LagMetricsConfig(props), "scram-it", Clock.systemUTC());
  }

  @Test
  void scramCredentialsReadExactLags() throws Exception {
    // the SCRAM user is in the broker's bootstrap metadata; still, wait for a first success rather than assume it
    List<PartitionLag> lags = new ArrayList<>();
    try (LagPoller poller = poller(PASSWORD)) {
      Await.until(Duration.ofSeconds(30), () -> {
        lags.clear();
        lags.addAll(poller.pollOnce().lags());
        return !lags.isEmpty();
      }, "the SCRAM user never authenticated");
    }
    assertThat(lags).extracting(PartitionLag::group, PartitionLag::partition, PartitionLag::end, PartitionLag::lag)
        .containsExactly(tuple("accounting", 0, 15L, 10L), tuple("accounting", 1, 15L, 0L));
  }

  @Test
  void wrongPasswordSkipsThePollAndNeverLogsThePassword() throws Exception {
    String wrong = "definitely-not-it-" + System.nanoTime();
    try (LogCapture ours = new LogCapture("io.streamlake"); LogCapture kafka = new LogCapture("org.apache.kafka");
        LagPoller poller = poller(wrong)) {
      PollOutcome outcome = poller.pollOnce();
      assertThat(outcome.lags()).isEmpty();
      // the poll's WARN names the real reason, which the admin client keeps in a cause
      assertThat(ours.all()).anySatisfy(line -> assertThat(line).startsWith("WARN Lag poll skipped")
          .contains("SaslAuthenticationException"));
      List<String> lines = new ArrayList<>(ours.all());
      lines.addAll(kafka.all());
      assertThat(lines).noneSatisfy(line -> assertThat(line).contains(wrong));
    }
  }
}
