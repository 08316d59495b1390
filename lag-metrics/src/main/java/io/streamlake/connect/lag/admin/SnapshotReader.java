package io.streamlake.connect.lag.admin;

import io.streamlake.connect.lag.config.MissingCommitPolicy;
import io.streamlake.connect.lag.lag.ClusterSnapshot;
import io.streamlake.connect.lag.lag.GroupOffsets;
import io.streamlake.connect.lag.lag.GroupState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one {@link ClusterSnapshot} with a fixed number of batched admin calls, whatever the number of
 * groups and partitions: list groups, describe all watched groups, list committed offsets of all of them,
 * list topics (to drop partitions of deleted topics), list the end offsets of every partition, and, only
 * when the missing-commit policy needs it, the log-start offsets of uncommitted partitions.
 */
public final class SnapshotReader {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

  private final Admin admin;
  private final GroupFilter filter;
  private final MissingCommitPolicy missingCommitPolicy;
  private final Duration timeout;
  private final Clock clock;

  public SnapshotReader(Admin admin, GroupFilter filter, MissingCommitPolicy missingCommitPolicy, Duration timeout,
      Clock clock) {
    this.admin = admin;
    this.filter = filter;
    this.missingCommitPolicy = missingCommitPolicy;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * @throws ExecutionException when a group-level call fails (the poll is skipped)
   * @throws TimeoutException when a call does not answer within the request timeout
   */
  public ClusterSnapshot read() throws InterruptedException, ExecutionException, TimeoutException {
    int requests = 0;
    int timeoutMs = (int) timeout.toMillis();
    Collection<ConsumerGroupListing> listings = listGroups(timeoutMs);
    requests++;
    List<String> groupIds = listings.stream().map(ConsumerGroupListing::groupId).filter(filter::acceptsGroup)
        .sorted().toList();
    if (groupIds.isEmpty()) {
      return new ClusterSnapshot(clock.millis(), List.of(), Map.of(), Map.of(), 0, requests);
    }

    Map<String, ConsumerGroupDescription> descriptions = perGroup(admin.describeConsumerGroups(groupIds,
        new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs)).describedGroups(), "describe");
    requests++;
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    groupIds.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
    ListConsumerGroupOffsetsResult offsetsResult = admin.listConsumerGroupOffsets(specs,
        new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs));
    Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> offsetFutures = new HashMap<>();
    groupIds.forEach(id -> offsetFutures.put(id, offsetsResult.partitionsToOffsetAndMetadata(id)));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = perGroup(offsetFutures, "list offsets of");
    requests++;
    Set<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(timeoutMs))
        .names());
    requests++;

    Set<TopicPartition> skipped = new HashSet<>();
    List<GroupOffsets> groups = new ArrayList<>();
    Set<TopicPartition> wanted = new HashSet<>();
    Set<TopicPartition> uncommitted = new HashSet<>();
    for (String groupId : groupIds) {
      if (!offsets.containsKey(groupId)) {
        continue;
      }
      GroupOffsets group = assemble(groupId, offsets.get(groupId), descriptions.get(groupId), topics, skipped);
      groups.add(group);
      wanted.addAll(group.committed().keySet());
      if (missingCommitPolicy != MissingCommitPolicy.SKIP) {
        for (TopicPartition tp : group.assigned()) {
          if (!group.committed().containsKey(tp)) {
            wanted.add(tp);
            uncommitted.add(tp);
          }
        }
      }
    }

    Map<TopicPartition, Long> ends = Map.of();
    long takenAt = clock.millis();
    if (!wanted.isEmpty()) {
      ends = offsets(wanted, OffsetSpec.latest(), skipped);
      requests++;
      takenAt = clock.millis();
    }
    Map<TopicPartition, Long> starts = Map.of();
    if (missingCommitPolicy == MissingCommitPolicy.LOG_START && !uncommitted.isEmpty()) {
      starts = offsets(uncommitted, OffsetSpec.earliest(), skipped);
      requests++;
    }
    return new ClusterSnapshot(takenAt, groups, ends, starts, skipped.size(), requests);
  }

  /**
   * Groups of every broker that answered: one unreachable broker must not hide the groups of all others.
   * When no broker answered (bad credentials, no route), the first error fails the poll.
   */
  private Collection<ConsumerGroupListing> listGroups(int timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    ListConsumerGroupsResult result = admin.listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(timeoutMs));
    Collection<ConsumerGroupListing> listings = get(result.valid());
    Collection<Throwable> errors = get(result.errors());
    if (!errors.isEmpty()) {
      Throwable first = errors.iterator().next();
      if (listings.isEmpty()) {
        throw new ExecutionException(first);
      }
      LOG.warn("{} broker(s) did not list their consumer groups; their groups are missing from this poll: {}",
          errors.size(), first.toString());
    }
    return listings;
  }

  /**
   * One group's committed offsets and member assignments, limited to watched topics that still exist;
   * committed partitions of deleted topics are added to {@code skipped}.
   */
  private GroupOffsets assemble(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupDescription description, Set<String> topics, Set<TopicPartition> skipped) {
    Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach((tp, om) -> {
      if (om == null || om.offset() < 0 || !filter.acceptsTopic(tp.topic())) {
        return;
      }
      if (topics.contains(tp.topic())) {
        committed.put(tp, om.offset());
      } else {
        skipped.add(tp);
      }
    });
    Set<TopicPartition> assigned = new HashSet<>();
    if (description != null) {
      for (MemberDescription member : description.members()) {
        for (TopicPartition tp : member.assignment().topicPartitions()) {
          if (filter.acceptsTopic(tp.topic()) && topics.contains(tp.topic())) {
            assigned.add(tp);
          }
        }
      }
    }
    GroupState state = description == null ? GroupState.UNKNOWN : GroupState.of(description.state());
    return new GroupOffsets(groupId, state, committed, assigned);
  }

  /** One ListOffsets call for all partitions; a partition whose lookup fails is skipped, not the whole poll. */
  private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec,
      Set<TopicPartition> skipped) throws InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    ListOffsetsResult result = admin.listOffsets(request,
        new ListOffsetsOptions().timeoutMs((int) timeout.toMillis()));
    Map<TopicPartition, Long> out = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (TopicPartition tp : partitions) {
      try {
        long left = Math.max(1L, deadline - System.nanoTime());
        out.put(tp, result.partitionResult(tp).get(left, TimeUnit.NANOSECONDS).offset());
      } catch (ExecutionException e) {
        LOG.debug("No offsets for {}: {}", tp, e.getCause().toString());
        skipped.add(tp);
      }
    }
    return out;
  }

  /**
   * The answers of a per-group batched call; a group whose own answer failed (deleted between two calls,
   * coordinator moving) is left out of this poll with a DEBUG line instead of failing the whole poll.
   */
  private <T> Map<String, T> perGroup(Map<String, KafkaFuture<T>> futures, String what)
      throws InterruptedException, TimeoutException {
    Map<String, T> out = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
    for (Map.Entry<String, KafkaFuture<T>> entry : futures.entrySet()) {
      try {
        out.put(entry.getKey(), entry.getValue().get(Math.max(1L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException e) {
        LOG.debug("Could not {} group {}: {}", what, entry.getKey(), String.valueOf(e.getCause()));
      }
    }
    return out;
  }

  private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeout.toMillis() + 5_000L, TimeUnit.MILLISECONDS);
  }
}
