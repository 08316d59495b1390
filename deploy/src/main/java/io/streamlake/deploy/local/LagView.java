package io.streamlake.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the lag emitter's metrics topic (JSON, with or without an embedded schema) and sums the latest offset lag of
 * each consumer group, for the demo's progress line. Assigned to every partition from the beginning, no consumer
 * group of its own. Called from one thread.
 */
final class LagView implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Map<String, Long>> lagByGroup = new TreeMap<>();

  LagView(String bootstrap, Map<String, String> client, String topic) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamlake-local-lag-view");
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads what arrived since the last call. */
  void poll() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
      if (record.value() == null) {
        continue;
      }
      try {
        JsonNode root = JSON.readTree(record.value());
        JsonNode lag = root.has("payload") ? root.get("payload") : root;
        if (lag.hasNonNull("group") && lag.hasNonNull("lag")) {
          lagByGroup.computeIfAbsent(lag.get("group").asText(), g -> new HashMap<>())
              .put(lag.path("topic").asText() + "-" + lag.path("partition").asInt(), lag.get("lag").asLong());
        }
      } catch (IOException notJson) {
        // not a lag record: ignored
      }
    }
  }

  /** "lag group-a 120, group-b 0", or empty before the first record. */
  String summary() {
    if (lagByGroup.isEmpty()) {
      return "";
    }
    return "lag " + lagByGroup.entrySet().stream().limit(3)
        .map(e -> e.getKey() + " " + String.format("%,d", e.getValue().values().stream().mapToLong(Long::longValue)
            .sum()))
        .collect(Collectors.joining(", "));
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
