package io.streamlake.deploy.local;

import io.streamlake.deploy.ConnectorFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the demo changes a connector file before creating it. An S3 sink is pointed at the run's S3 target and, unless
 * the file's rotation is kept, rotated often enough that files appear within seconds; {@code tasks.max} is capped at
 * the partition count. The lag emitter watches the run's cluster every five seconds and writes to its metrics topic
 * only (no CloudWatch without an AWS account). On the embedded broker a dead-letter queue gets replication factor 1.
 */
final class LocalConnectors {

  /** What the run provides: where S3 and Kafka are and how to rotate. Null rotation values keep the file's. */
  record Run(S3Target s3, String bootstrap, Map<String, String> kafkaClient, boolean singleBroker,
      Integer flushSize, Long rotateMs, int partitions) {}

  private static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";
  private static final String DLQ_REPLICATION = "errors.deadletterqueue.topic.replication.factor";
  private static final String METRICS_TOPIC = "metrics.topic";
  private static final List<String> SHOWN = List.of("store.url", "s3.bucket.name", "flush.size",
      "rotate.schedule.interval.ms", "tasks.max", "admin.bootstrap.servers", "cloudwatch.enabled",
      "poll.interval.ms", METRICS_TOPIC);

  private LocalConnectors() {}

  static boolean isS3Sink(ConnectorFile connector) {
    return connector.config().containsKey("s3.bucket.name");
  }

  static boolean isLagEmitter(ConnectorFile connector) {
    String type = connector.connectorClass();
    return type != null && type.endsWith(".ConsumerLagSourceConnector");
  }

  /** Whether a transformation of the connector unwraps Debezium envelopes. */
  static boolean unwrapsDebezium(ConnectorFile connector) {
    return connector.config().entrySet().stream().anyMatch(e -> e.getKey().startsWith("transforms.")
        && e.getKey().endsWith(".type") && e.getValue().endsWith("ExtractNewRecordState"));
  }

  /** The connector as this run creates it. */
  static ConnectorFile localize(ConnectorFile connector, Run run) {
    Map<String, String> changes = new LinkedHashMap<>();
    if (run.singleBroker() && connector.config().containsKey(DLQ_REPLICATION)) {
      changes.put(DLQ_REPLICATION, "1");
    }
    if (isLagEmitter(connector)) {
      changes.put("admin.bootstrap.servers", run.bootstrap());
      changes.put("admin.security.protocol", run.kafkaClient().getOrDefault("security.protocol", "PLAINTEXT"));
      if (run.kafkaClient().containsKey("sasl.mechanism")) {
        changes.put("admin.sasl.mechanism", run.kafkaClient().get("sasl.mechanism"));
      }
      changes.put("cloudwatch.enabled", "false");
      changes.put("poll.interval.ms", "5000");
    }
    if (run.s3() != null && isS3Sink(connector)) {
      changes.putAll(run.s3().sinkSettings());
      if (run.flushSize() != null) {
        changes.put("flush.size", String.valueOf(run.flushSize()));
      }
      if (run.rotateMs() != null) {
        changes.put("rotate.schedule.interval.ms", String.valueOf(run.rotateMs()));
      }
      String tasksMax = connector.config().get("tasks.max");
      if (tasksMax != null && tasksMax.matches("\\d+") && Integer.parseInt(tasksMax) > run.partitions()) {
        changes.put("tasks.max", String.valueOf(run.partitions()));
      }
    }
    return connector.with(changes);
  }

  /** Every topic the connectors name in {@code topics}, in order. */
  static Set<String> topicsOf(List<ConnectorFile> connectors) {
    Set<String> topics = new LinkedHashSet<>();
    for (ConnectorFile connector : connectors) {
      String list = connector.config().get("topics");
      if (list == null) {
        continue;
      }
      for (String topic : list.split(",")) {
        if (!topic.isBlank()) {
          topics.add(topic.trim());
        }
      }
    }
    return topics;
  }

  /**
   * The topics the connectors write to besides their data: dead-letter queues and the lag emitter's metrics topic.
   * The worker would create a dead-letter queue itself but logs that at ERROR first; the embedded broker creates no
   * topic on its own.
   */
  static Set<String> outputTopicsOf(List<ConnectorFile> connectors) {
    Set<String> topics = new LinkedHashSet<>();
    for (ConnectorFile connector : connectors) {
      for (String key : List.of(DLQ_TOPIC, METRICS_TOPIC)) {
        String topic = connector.config().get(key);
        if (topic != null && !topic.isBlank() && (key.equals(DLQ_TOPIC) || isLagEmitter(connector))) {
          topics.add(topic.trim());
        }
      }
    }
    return topics;
  }

  /** The metrics topic of the first lag emitter, or null. */
  static String metricsTopicOf(List<ConnectorFile> connectors) {
    return connectors.stream().filter(LocalConnectors::isLagEmitter)
        .map(c -> c.config().getOrDefault(METRICS_TOPIC, "consumer-lag-metrics"))
        .filter(t -> !t.isBlank()).findFirst().orElse(null);
  }

  /** The settings worth showing (never credentials), or null when the run changed nothing worth showing. */
  static String describe(ConnectorFile connector) {
    if (!isS3Sink(connector) && !isLagEmitter(connector)) {
      return null;
    }
    List<String> shown = new ArrayList<>();
    for (String key : SHOWN) {
      if (connector.config().containsKey(key)) {
        shown.add(key + "=" + connector.config().get(key));
      }
    }
    return String.join(", ", shown);
  }
}
