package io.streamlake.deploy.local;

import io.streamlake.deploy.ConnectorFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the demo changes a connector file before creating it: an S3 sink is pointed at the run's S3 target and, unless
 * the file's rotation is kept, rotated often enough that files appear within seconds; {@code tasks.max} is capped
 * at the partition count. Other connectors run as they are.
 */
final class LocalConnectors {

  private static final String DLQ_REPLICATION = "errors.deadletterqueue.topic.replication.factor";
  private static final List<String> SHOWN = List.of("store.url", "s3.bucket.name", "flush.size",
      "rotate.schedule.interval.ms", "tasks.max");

  private LocalConnectors() {}

  static boolean isS3Sink(ConnectorFile connector) {
    return connector.config().containsKey("s3.bucket.name");
  }

  /**
   * The connector as this run creates it. {@code flushSize} and {@code rotateMs} are null when the file's rotation
   * is kept; on the embedded broker ({@code singleBroker}) a dead-letter queue gets replication factor 1.
   */
  static ConnectorFile localize(ConnectorFile connector, S3Target s3, Integer flushSize, Long rotateMs,
      int partitions, boolean singleBroker) {
    Map<String, String> changes = new LinkedHashMap<>();
    if (singleBroker && connector.config().containsKey(DLQ_REPLICATION)) {
      changes.put(DLQ_REPLICATION, "1");
    }
    if (s3 == null || !isS3Sink(connector)) {
      return connector.with(changes);
    }
    changes.putAll(s3.sinkSettings());
    if (flushSize != null) {
      changes.put("flush.size", String.valueOf(flushSize));
    }
    if (rotateMs != null) {
      changes.put("rotate.schedule.interval.ms", String.valueOf(rotateMs));
    }
    String tasksMax = connector.config().get("tasks.max");
    if (tasksMax != null && tasksMax.matches("\\d+") && Integer.parseInt(tasksMax) > partitions) {
      changes.put("tasks.max", String.valueOf(partitions));
    }
    return connector.with(changes);
  }

  /** Whether a transformation of the connector unwraps Debezium envelopes. */
  static boolean unwrapsDebezium(ConnectorFile connector) {
    return connector.config().entrySet().stream().anyMatch(e -> e.getKey().startsWith("transforms.")
        && e.getKey().endsWith(".type") && e.getValue().endsWith("ExtractNewRecordState"));
  }

  /** Every topic the connectors name in {@code topics}, in order, then their dead-letter queues. */
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

  /** The dead-letter queue topics the connectors name. */
  static Set<String> deadLetterQueuesOf(List<ConnectorFile> connectors) {
    Set<String> topics = new LinkedHashSet<>();
    for (ConnectorFile connector : connectors) {
      String dlq = connector.config().get("errors.deadletterqueue.topic.name");
      if (dlq != null && !dlq.isBlank()) {
        topics.add(dlq.trim());
      }
    }
    return topics;
  }

  /** The settings worth showing for an S3 sink (never credentials), or null for other connectors. */
  static String describe(ConnectorFile connector) {
    if (!isS3Sink(connector)) {
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
