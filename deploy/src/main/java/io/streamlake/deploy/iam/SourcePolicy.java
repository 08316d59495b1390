package io.streamlake.deploy.iam;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.iam.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The service execution role policy of one S3 source (replay) connector, from its configuration. S3: the connector
 * and its tasks only list {@code <topics.dir>/} and {@code <topics.dir>/<topic>/} (ListBucket with an
 * {@code s3:prefix} condition) and download objects under it (GetObject, which also authorises the HeadObject of a
 * file's range metadata); nothing is written or deleted. Kafka: the worker's statements, DescribeTopic and WriteData
 * on the target topics (the mapped names of {@code replay.topics}; every topic when {@code replay.topics} is empty,
 * since the lake decides then), CreateTopic with {@code topic.creation.*}, and for exactly-once delivery the
 * transactional ids Connect gives the tasks ({@code <group.id>-<connector>-<task>}) and the worker leader
 * ({@code connect-cluster-<group.id>}).
 */
public final class SourcePolicy {

  /** The worker group MSK Connect uses (as in {@link WorkerStatements}): the prefix of every transactional id. */
  static final String WORKER_GROUP = "__amazon_msk_connect_*";

  private SourcePolicy() {}

  /**
   * @param workerExactlyOnce whether the worker configuration sets {@code exactly.once.source.support=enabled}
   * @param notes receives what the caller should tell the user (a topic wildcard, no exactly-once statements)
   */
  public static PolicyDocument of(ConnectorFile connector, KafkaArns kafka, String offsetsTopic,
      boolean workerExactlyOnce, Consumer<String> notes) {
    var config = connector.config();
    String bucket = SinkPolicy.required(connector, "s3.bucket.name");
    String dir = SinkPolicy.topicsDir(config.getOrDefault("topics.dir", "topics"));
    List<Statement> statements = new ArrayList<>();
    statements.add(Statement.allow("ListOnlyUnderTopicsDir", List.of("s3:ListBucket"),
        List.of("arn:aws:s3:::" + bucket))
        .when("StringLike", "s3:prefix", dir.isEmpty() ? List.of("*") : List.of(dir + "/", dir + "/*")));
    statements.add(Statement.allow("ReadTheLake", List.of("s3:GetObject"),
        List.of("arn:aws:s3:::" + bucket + "/" + (dir.isEmpty() ? "" : dir + "/") + "*")));
    // the source accepts Confluent's spelling of the option as an alias, like the sink
    String role = config.getOrDefault("sts.role.arn",
        config.getOrDefault("s3.credentials.provider.sts.role.arn", "")).trim();
    if (!role.isEmpty()) {
      statements.add(Statement.allow("AssumeTheReaderRole", List.of("sts:AssumeRole"), List.of(role)));
    }
    statements.addAll(WorkerStatements.of(kafka, offsetsTopic));
    List<String> targets = targetTopics(connector);
    if (targets.equals(List.of("*"))) {
      notes.accept("replay.topics is empty: the connector replays every topic it finds under " + bucket + "/" + dir
          + "/, so the policy lets it write to every topic (" + kafka.topic("*") + "); list replay.topics to"
          + " confine it");
    }
    List<String> topicActions = new ArrayList<>(List.of("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"));
    if (config.keySet().stream().anyMatch(key -> key.startsWith("topic.creation."))) {
      topicActions.add(0, "kafka-cluster:CreateTopic");
    }
    statements.add(Statement.allow("WriteTheTargetTopics", topicActions, targets.stream().map(kafka::topic).toList()));
    String connectorOffsets = config.getOrDefault("offsets.storage.topic", "").trim();
    if (!connectorOffsets.isEmpty()) {
      statements.add(Statement.allow("TheConnectorsOffsetsTopic", List.of("kafka-cluster:CreateTopic",
          "kafka-cluster:DescribeTopic", "kafka-cluster:DescribeTopicDynamicConfiguration",
          "kafka-cluster:ReadData", "kafka-cluster:WriteData"), List.of(kafka.topic(connectorOffsets))));
    }
    if (exactlyOnce(config, workerExactlyOnce)) {
      statements.addAll(exactlyOnceStatements(kafka, connector.name()));
    } else {
      notes.accept("exactly.once.support is not set in the connector (nor exactly.once.source.support=enabled in"
          + " --worker-config): the policy has no transactional-id statements, so the tasks cannot run with"
          + " exactly-once delivery");
    }
    statements.addAll(GlueSchemaRegistryStatements.forWriting(config, kafka, targets));
    return new PolicyDocument(statements);
  }

  /**
   * Whether to grant the transactional ids: when the connector sets {@code exactly.once.support} (requested or
   * required: it is written for a worker with exactly-once source support) or the worker configuration enables it.
   * A worker without it runs the tasks without transactions, whatever the connector says.
   */
  static boolean exactlyOnce(Map<String, String> config, boolean workerExactlyOnce) {
    return workerExactlyOnce || !config.getOrDefault("exactly.once.support", "").trim().isEmpty();
  }

  /**
   * KIP-618 on MSK IAM: each task's transactional producer {@code <group.id>-<connector>-<task>} (initialising it
   * fences the task's zombies; the leader also fences them through the admin client before new task
   * configurations take effect) and the leader's own {@code connect-cluster-<group.id>}; transactional and
   * idempotent producers need WriteDataIdempotently on the cluster.
   */
  static List<Statement> exactlyOnceStatements(KafkaArns kafka, String connectorName) {
    return List.of(
        Statement.allow("ExactlyOnceTaskTransactions", List.of("kafka-cluster:DescribeTransactionalId",
            "kafka-cluster:AlterTransactionalId"), List.of(
                kafka.transactionalId(WORKER_GROUP + "-" + connectorName + "-*"),
                kafka.transactionalId("connect-cluster-" + WORKER_GROUP))),
        Statement.allow("ExactlyOnceIdempotentWrites", List.of("kafka-cluster:WriteDataIdempotently"),
            List.of(kafka.cluster())));
  }

  /** The topics the connector produces to: the mapped names of replay.topics, or {@code *} when it is empty. */
  static List<String> targetTopics(ConnectorFile connector) {
    var config = connector.config();
    List<String> replayed = list(config.getOrDefault("replay.topics", ""));
    if (replayed.isEmpty()) {
      return List.of("*");
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    for (String entry : list(config.getOrDefault("replay.topic.mapping", ""))) {
      String[] pair = entry.split(":", -1);
      if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
        throw new IllegalArgumentException(connector.source() + ": replay.topic.mapping entry '" + entry
            + "' is not <source topic>:<target topic>");
      }
      mapping.put(pair[0].trim(), pair[1].trim());
    }
    return replayed.stream().map(topic -> mapping.getOrDefault(topic, topic)).distinct().toList();
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
