package io.streamlake.deploy.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.Main;
import io.streamlake.deploy.iam.PolicyDocument.Statement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 source (replay) connector's policy: read-only under topics.dir, writes only its target topics. */
class SourcePolicyTest {

  private static final KafkaArns KAFKA = new KafkaArns("arn:aws:kafka:us-east-1:123456789012:cluster/c/u-1");
  private static final String TOPIC = "arn:aws:kafka:us-east-1:123456789012:topic/c/u-1/";
  private static final String TXN = "arn:aws:kafka:us-east-1:123456789012:transactional-id/c/u-1/";
  private static final String LAKE = "arn:aws:s3:::my-event-lake";

  private final List<String> notes = new ArrayList<>();

  @TempDir
  Path dir;

  private static ConnectorFile replay() throws IOException {
    return ConnectorFile.read(DeployFiles.connectors().resolve("replay-orders-from-s3.json"));
  }

  private PolicyDocument policy(ConnectorFile file, boolean workerExactlyOnce) {
    return SourcePolicy.of(file, KAFKA, WorkerStatements.DEFAULT_OFFSETS_TOPIC, workerExactlyOnce, notes::add);
  }

  private static Statement statement(PolicyDocument policy, String sid) {
    return policy.statements().stream().filter(s -> s.sid().equals(sid)).findFirst()
        .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + policy.toJson()));
  }

  @Test
  void testS3IsListAndGetUnderTopicsDirOnly() throws IOException {
    PolicyDocument policy = policy(replay(), false);
    assertThat(policy.actions()).filteredOn(a -> a.startsWith("s3:"))
        .containsExactlyInAnyOrder("s3:ListBucket", "s3:GetObject");
    Statement list = statement(policy, "ListOnlyUnderTopicsDir");
    assertThat(list.resources()).containsExactly(LAKE);
    assertThat(list.conditions()).isEqualTo(Map.of("StringLike", Map.of("s3:prefix", List.of("topics/", "topics/*"))));
    assertThat(statement(policy, "ReadTheLake").resources()).containsExactly(LAKE + "/topics/*");

    PolicyEvaluator evaluator = new PolicyEvaluator(policy);
    // what the connector and its tasks list: the prefix, then each topic directory
    assertThat(evaluator.allows("s3:ListBucket", LAKE, Map.of("s3:prefix", "topics/"))).isTrue();
    assertThat(evaluator.allows("s3:ListBucket", LAKE, Map.of("s3:prefix", "topics/order-events/"))).isTrue();
    assertThat(evaluator.allows("s3:ListBucket", LAKE, Map.of("s3:prefix", "cdc/"))).isFalse();
    assertThat(evaluator.allows("s3:ListBucket", LAKE)).isFalse();
    assertThat(evaluator.allows("s3:GetObject", LAKE + "/topics/order-events/year=2026/month=12/day=01/hour=00/"
        + "order-events+0+0.parquet")).isTrue();
    assertThat(evaluator.allows("s3:GetObject", LAKE + "/cdc/pg.inventory.orders/x.parquet")).isFalse();
    assertThat(evaluator.allows("s3:PutObject", LAKE + "/topics/order-events/x.parquet")).isFalse();
    assertThat(evaluator.allows("s3:DeleteObject", LAKE + "/topics/order-events/x.parquet")).isFalse();
    assertThat(policy.toJson()).doesNotContain("s3:Put").doesNotContain("s3:Delete").doesNotContain("s3:*");
  }

  @Test
  void testTopicsDirFollowsTheConfigurationWithoutSlashes() throws IOException {
    PolicyDocument policy = policy(replay().with(Map.of("topics.dir", "/archive/lake/")), false);
    assertThat(statement(policy, "ListOnlyUnderTopicsDir").conditions().get("StringLike").get("s3:prefix"))
        .containsExactly("archive/lake/", "archive/lake/*");
    assertThat(statement(policy, "ReadTheLake").resources()).containsExactly(LAKE + "/archive/lake/*");
  }

  @Test
  void testWritesOnlyTheMappedTargetTopicAndReadsNoTopic() throws IOException {
    PolicyDocument policy = policy(replay(), false);
    assertThat(statement(policy, "WriteTheTargetTopics").actions())
        .containsExactly("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData");
    assertThat(statement(policy, "WriteTheTargetTopics").resources()).containsExactly(TOPIC + "order-events-restored");
    PolicyEvaluator evaluator = new PolicyEvaluator(policy);
    assertThat(evaluator.allows("kafka-cluster:WriteData", TOPIC + "order-events-restored")).isTrue();
    // the original topic is neither written nor read
    assertThat(evaluator.allows("kafka-cluster:WriteData", TOPIC + "order-events")).isFalse();
    assertThat(evaluator.allows("kafka-cluster:ReadData", TOPIC + "order-events")).isFalse();
    assertThat(evaluator.allows("kafka-cluster:ReadData", TOPIC + "order-events-restored")).isFalse();
    assertThat(evaluator.allows("kafka-cluster:CreateTopic", TOPIC + "order-events-restored")).isFalse();
    // a source connector has no consumer group of its own
    assertThat(policy.statements()).extracting(Statement::sid).doesNotContain("TheConnectorsConsumerGroup");
    // the worker's own topics and group, as for every connector
    assertThat(evaluator.allows("kafka-cluster:WriteData", TOPIC + "__streamlake_connect_offsets")).isTrue();
    assertThat(notes).isEmpty();
  }

  @Test
  void testUnmappedTopicsKeepTheirNameAndDuplicatesCollapse() throws IOException {
    PolicyDocument policy = policy(replay().with(Map.of("replay.topics", "order-events, payments,refunds",
        "replay.topic.mapping", "order-events:restored,refunds:restored")), false);
    assertThat(statement(policy, "WriteTheTargetTopics").resources())
        .containsExactly(TOPIC + "restored", TOPIC + "payments");
  }

  @Test
  void testEmptyReplayTopicsWritesEveryTopicWithANote() throws IOException {
    PolicyDocument policy = policy(replay().with(Map.of("replay.topics", "")), false);
    assertThat(statement(policy, "WriteTheTargetTopics").resources()).containsExactly(TOPIC + "*");
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("replay.topics is empty").contains(TOPIC + "*"));
  }

  @Test
  void testTopicCreationAddsCreateTopicOnTheTargetsOnly() throws IOException {
    PolicyDocument policy = policy(replay().with(Map.of("topic.creation.default.replication.factor", "3",
        "topic.creation.default.partitions", "12")), false);
    assertThat(statement(policy, "WriteTheTargetTopics").actions()).containsExactly("kafka-cluster:CreateTopic",
        "kafka-cluster:DescribeTopic", "kafka-cluster:WriteData");
    PolicyEvaluator evaluator = new PolicyEvaluator(policy);
    assertThat(evaluator.allows("kafka-cluster:CreateTopic", TOPIC + "order-events-restored")).isTrue();
    assertThat(evaluator.allows("kafka-cluster:CreateTopic", TOPIC + "payments")).isFalse();
  }

  @Test
  void testExactlyOnceGrantsTheTasksAndLeadersTransactionalIds() throws IOException {
    PolicyDocument policy = policy(replay(), false);
    Statement transactions = statement(policy, "ExactlyOnceTaskTransactions");
    assertThat(transactions.actions()).containsExactly("kafka-cluster:DescribeTransactionalId",
        "kafka-cluster:AlterTransactionalId");
    assertThat(transactions.resources()).containsExactly(
        TXN + "__amazon_msk_connect_*-replay-orders-from-s3-*", TXN + "connect-cluster-__amazon_msk_connect_*");
    assertThat(statement(policy, "ExactlyOnceIdempotentWrites").resources()).containsExactly(KAFKA.cluster());
    PolicyEvaluator evaluator = new PolicyEvaluator(policy);
    // Connect's ids: <group.id>-<connector>-<task> for tasks, connect-cluster-<group.id> for the leader
    assertThat(evaluator.allows("kafka-cluster:AlterTransactionalId",
        TXN + "__amazon_msk_connect_abc-replay-orders-from-s3-0")).isTrue();
    assertThat(evaluator.allows("kafka-cluster:AlterTransactionalId",
        TXN + "__amazon_msk_connect_abc-replay-orders-from-s3-11")).isTrue();
    assertThat(evaluator.allows("kafka-cluster:AlterTransactionalId",
        TXN + "connect-cluster-__amazon_msk_connect_abc")).isTrue();
    assertThat(evaluator.allows("kafka-cluster:AlterTransactionalId",
        TXN + "__amazon_msk_connect_abc-other-connector-0")).isFalse();
    assertThat(evaluator.allows("kafka-cluster:AlterTransactionalId", TXN + "some-producer")).isFalse();
    assertThat(notes).isEmpty();
  }

  @Test
  void testNoTransactionalIdsWithoutExactlyOnceButANote() throws IOException {
    ConnectorFile atLeastOnce = replay().with(Map.of("exactly.once.support", ""));
    PolicyDocument policy = policy(atLeastOnce, false);
    assertThat(policy.actions()).doesNotContain("kafka-cluster:AlterTransactionalId",
        "kafka-cluster:DescribeTransactionalId", "kafka-cluster:WriteDataIdempotently");
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("exactly.once.support is not set"));

    notes.clear();
    PolicyDocument workerEnabled = policy(atLeastOnce, true);
    assertThat(workerEnabled.actions()).contains("kafka-cluster:AlterTransactionalId");
    assertThat(notes).isEmpty();
  }

  @Test
  void testAssumeRoleOnlyWhenConfiguredUnderEitherName() throws IOException {
    assertThat(policy(replay(), false).actions()).doesNotContain("sts:AssumeRole");
    for (String key : List.of("sts.role.arn", "s3.credentials.provider.sts.role.arn")) {
      PolicyEvaluator evaluator = new PolicyEvaluator(policy(replay().with(Map.of(key, "arn:aws:iam::1:role/r")),
          false));
      assertThat(evaluator.allows("sts:AssumeRole", "arn:aws:iam::1:role/r")).as(key).isTrue();
    }
  }

  @Test
  void testConnectorOffsetsTopicIsGrantedWhenSet() throws IOException {
    PolicyEvaluator evaluator = new PolicyEvaluator(policy(replay().with(Map.of("offsets.storage.topic",
        "replay-offsets")), false));
    assertThat(evaluator.allows("kafka-cluster:ReadData", TOPIC + "replay-offsets")).isTrue();
    assertThat(evaluator.allows("kafka-cluster:WriteData", TOPIC + "replay-offsets")).isTrue();
  }

  @Test
  void testMalformedMappingAndMissingBucketAreRefused() throws IOException {
    assertThatThrownBy(() -> policy(replay().with(Map.of("replay.topic.mapping", "order-events")), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay.topic.mapping")
        .hasMessageContaining("<source topic>:<target topic>");
    assertThatThrownBy(() -> policy(replay().with(Map.of("s3.bucket.name", "")), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3.bucket.name");
  }

  @Test
  void testIamCommandPrintsTheSourcePolicyAndItsNotesOnStderr() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path worker = dir.resolve("worker.properties");
    Files.writeString(worker, "exactly.once.source.support = enabled\n");
    int code = Main.run(List.of("iam", DeployFiles.connectors().resolve("replay-orders-from-s3.json").toString(),
        "--cluster-arn", KAFKA.cluster(), "--set", "replay.topics=", "--set", "exactly.once.support=",
        "--worker-config", worker.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    String policy = out.toString(StandardCharsets.UTF_8);
    assertThat(policy).contains("\"ReadTheLake\"", "\"WriteTheTargetTopics\"", TOPIC + "*",
        "\"ExactlyOnceTaskTransactions\"", TXN + "__amazon_msk_connect_*-replay-orders-from-s3-*");
    // notes go to stderr, never into the policy
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("note: replay.topics is empty")
        .doesNotContain("exactly.once.support is not set");
    assertThat(policy).doesNotContain("note:");
  }
}
