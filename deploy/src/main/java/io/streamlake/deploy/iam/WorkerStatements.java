package io.streamlake.deploy.iam;

import io.streamlake.deploy.iam.PolicyDocument.Statement;
import java.util.List;

/**
 * What every connector's worker needs on an MSK cluster with IAM auth, whatever the connector does: connecting, and
 * its internal topics and group. MSK Connect names them {@code __amazon_msk_connect_*}; the deploy kit's worker
 * configuration moves the offsets topic to {@code offsetsTopic}.
 */
final class WorkerStatements {

  /** offset.storage.topic of deploy/worker/msk-connect-worker.properties. */
  static final String DEFAULT_OFFSETS_TOPIC = "__streamlake_connect_offsets";

  private WorkerStatements() {}

  static List<Statement> of(KafkaArns kafka, String offsetsTopic) {
    return List.of(
        Statement.allow("ConnectToTheCluster", List.of("kafka-cluster:Connect", "kafka-cluster:DescribeCluster"),
            List.of(kafka.cluster())),
        Statement.allow("WorkerInternalTopics", List.of("kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic",
            "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:ReadData", "kafka-cluster:WriteData"),
            List.of(kafka.topic("__amazon_msk_connect_*"), kafka.topic(offsetsTopic))),
        Statement.allow("WorkerGroup", List.of("kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"),
            List.of(kafka.group("__amazon_msk_connect_*"))));
  }
}
