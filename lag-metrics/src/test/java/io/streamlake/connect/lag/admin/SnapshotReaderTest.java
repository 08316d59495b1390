package io.streamlake.connect.lag.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.lag.config.MissingCommitPolicy;
import io.streamlake.connect.lag.lag.ClusterSnapshot;
import io.streamlake.connect.lag.lag.GroupOffsets;
import io.streamlake.connect.lag.lag.GroupState;
import io.streamlake.connect.lag.testing.MutableClock;
import io.streamlake.connect.lag.testing.ScriptedAdmin;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminResults;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/** The reader against a scripted Admin: which calls it makes, with what, and what it keeps. */
class SnapshotReaderTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
  private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
  private static final TopicPartition GONE_0 = new TopicPartition("gone", 0);
  private static final TopicPartition AUDIT_0 = new TopicPartition("audit", 0);

  private static SnapshotReader reader(ScriptedAdmin cluster, MissingCommitPolicy policy, GroupFilter filter) {
    return new SnapshotReader(cluster.admin(), filter, policy, Duration.ofSeconds(5), new MutableClock(42_000L));
  }

  private static ScriptedAdmin cluster() {
    ScriptedAdmin c = new ScriptedAdmin();
    c.topics.addAll(List.of("orders", "audit"));
    c.ends.putAll(Map.of(ORDERS_0, 100L, ORDERS_1, 200L, AUDIT_0, 7L));
    c.starts.putAll(Map.of(ORDERS_0, 10L, ORDERS_1, 20L, AUDIT_0, 0L));
    c.states.put("billing", ConsumerGroupState.STABLE);
    c.assignments.put("billing", Set.of(ORDERS_0, ORDERS_1));
    c.commits.put("billing", Map.of(ORDERS_0, new OffsetAndMetadata(70L), GONE_0, new OffsetAndMetadata(3L)));
    c.states.put("audit-test", ConsumerGroupState.EMPTY);
    c.commits.put("audit-test", Map.of(AUDIT_0, new OffsetAndMetadata(1L)));
    return c;
  }

  @Test
  void fiveBatchedCallsAndDeletedTopicsSkipped() throws Exception {
    ScriptedAdmin cluster = cluster();
    ClusterSnapshot snapshot = reader(cluster, MissingCommitPolicy.SKIP, GroupFilter.all()).read();
    assertThat(cluster.calls).containsExactly("listConsumerGroups", "describeConsumerGroups",
        "listConsumerGroupOffsets", "listTopics", "listOffsets");
    assertThat(snapshot.adminRequests()).isEqualTo(5);
    // one ListOffsets request for every partition of every group; the deleted topic is not asked for
    assertThat(cluster.listOffsetsRequests).singleElement()
        .satisfies(r -> assertThat(r.keySet()).containsExactlyInAnyOrder(ORDERS_0, AUDIT_0));
    assertThat(snapshot.skippedPartitions()).isEqualTo(1);
    assertThat(snapshot.endOffsets()).isEqualTo(Map.of(ORDERS_0, 100L, AUDIT_0, 7L));
    assertThat(snapshot.takenAtMs()).isEqualTo(42_000L);
    assertThat(snapshot.groups()).containsExactly(
        new GroupOffsets("audit-test", GroupState.EMPTY, Map.of(AUDIT_0, 1L), Set.of()),
        new GroupOffsets("billing", GroupState.STABLE, Map.of(ORDERS_0, 70L), Set.of(ORDERS_0, ORDERS_1)));
  }

  @Test
  void logStartPolicyAsksEarliestOnlyForUncommittedPartitions() throws Exception {
    ScriptedAdmin cluster = cluster();
    ClusterSnapshot snapshot = reader(cluster, MissingCommitPolicy.LOG_START, GroupFilter.all()).read();
    assertThat(snapshot.adminRequests()).isEqualTo(6);
    assertThat(cluster.listOffsetsRequests).hasSize(2);
    assertThat(cluster.listOffsetsRequests.get(0).keySet()).containsExactlyInAnyOrder(ORDERS_0, ORDERS_1, AUDIT_0);
    assertThat(cluster.listOffsetsRequests.get(1).keySet()).containsExactly(ORDERS_1);
    assertThat(snapshot.logStartOffsets()).isEqualTo(Map.of(ORDERS_1, 20L));
  }

  @Test
  void filtersApplyBeforeAnyPartitionIsRequested() throws Exception {
    ScriptedAdmin cluster = cluster();
    GroupFilter filter = new GroupFilter(Pattern.compile(".*"), Optional.of(Pattern.compile(".*-test")),
        Pattern.compile("orders"), Optional.empty());
    ClusterSnapshot snapshot = reader(cluster, MissingCommitPolicy.SKIP, filter).read();
    assertThat(snapshot.groups()).extracting(GroupOffsets::groupId).containsExactly("billing");
    assertThat(cluster.listOffsetsRequests.get(0).keySet()).containsExactly(ORDERS_0);
    // the deleted topic "gone" does not match topics.include, so it is filtered, not counted as skipped
    assertThat(snapshot.skippedPartitions()).isZero();
  }

  @Test
  void aPartitionWhoseOffsetsFailIsSkippedNotThePoll() throws Exception {
    ScriptedAdmin cluster = cluster();
    cluster.failing.add(AUDIT_0);
    ClusterSnapshot snapshot = reader(cluster, MissingCommitPolicy.SKIP, GroupFilter.all()).read();
    assertThat(snapshot.endOffsets()).isEqualTo(Map.of(ORDERS_0, 100L));
    assertThat(snapshot.skippedPartitions()).isEqualTo(2);
  }

  @Test
  void aGroupVanishingBetweenCallsIsLeftOutNotThePoll() throws Exception {
    ScriptedAdmin cluster = cluster();
    cluster.failingDescribe.add("billing");
    cluster.failingOffsets.add("audit-test");
    ClusterSnapshot snapshot = reader(cluster, MissingCommitPolicy.SKIP, GroupFilter.all()).read();
    // billing: offsets known, description lost -> reported with state Unknown; audit-test: no offsets -> left out
    assertThat(snapshot.groups()).containsExactly(
        new GroupOffsets("billing", GroupState.UNKNOWN, Map.of(ORDERS_0, 70L), Set.of()));
    assertThat(snapshot.endOffsets()).isEqualTo(Map.of(ORDERS_0, 100L));
  }

  @Test
  void noMatchingGroupIsOneCall() throws Exception {
    ScriptedAdmin cluster = cluster();
    GroupFilter filter = new GroupFilter(Pattern.compile("nobody"), Optional.empty(), Pattern.compile(".*"),
        Optional.empty());
    ClusterSnapshot snapshot = reader(cluster, MissingCommitPolicy.SKIP, filter).read();
    assertThat(cluster.calls).containsExactly("listConsumerGroups");
    assertThat(snapshot.groups()).isEmpty();
    assertThat(snapshot.adminRequests()).isEqualTo(1);
  }
}
