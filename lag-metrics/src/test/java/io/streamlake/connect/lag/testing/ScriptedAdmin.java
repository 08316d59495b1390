package io.streamlake.connect.lag.testing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/** A scripted cluster state behind an Admin proxy, with a log of the admin calls made against it. */
public final class ScriptedAdmin {
  public final List<String> calls = new ArrayList<>();
  public final List<Map<TopicPartition, OffsetSpec>> listOffsetsRequests = new ArrayList<>();
  public final Map<String, ConsumerGroupState> states = new HashMap<>();
  public final Map<String, Set<TopicPartition>> assignments = new HashMap<>();
  public final Map<String, Map<TopicPartition, OffsetAndMetadata>> commits = new HashMap<>();
  public final Set<String> topics = new HashSet<>();
  public final Map<TopicPartition, Long> ends = new HashMap<>();
  public final Map<TopicPartition, Long> starts = new HashMap<>();
  public final Set<TopicPartition> failing = new HashSet<>();
  public final Set<String> failingDescribe = new HashSet<>();
  public final Set<String> failingOffsets = new HashSet<>();

  private static <T> KafkaFuture<T> failed(Exception e) {
    KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
    future.completeExceptionally(e);
    return future;
  }

  @SuppressWarnings("unchecked")
  public Admin admin() {
    return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
        (proxy, method, args) -> {
          calls.add(method.getName());
          switch (method.getName()) {
            case "listConsumerGroups":
              List<ConsumerGroupListing> listings = new ArrayList<>();
              states.forEach((g, s) -> listings.add(new ConsumerGroupListing(g, false, Optional.of(s))));
              return AdminResults.groups(listings);
            case "describeConsumerGroups":
              Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions = new HashMap<>();
              for (String g : (Collection<String>) args[0]) {
                List<MemberDescription> members = new ArrayList<>();
                if (assignments.containsKey(g)) {
                  members.add(new MemberDescription("m-1", "client", "host",
                      new MemberAssignment(assignments.get(g))));
                }
                descriptions.put(g, failingDescribe.contains(g) ? failed(new GroupIdNotFoundException(g))
                    : KafkaFuture.completedFuture(new ConsumerGroupDescription(g, false, members, "range",
                        states.get(g), null)));
              }
              return new DescribeConsumerGroupsResult(descriptions);
            case "listConsumerGroupOffsets":
              Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> asked = new HashMap<>();
              for (String g : ((Map<String, ?>) args[0]).keySet()) {
                asked.put(g, failingOffsets.contains(g) ? failed(new GroupIdNotFoundException(g))
                    : KafkaFuture.completedFuture(commits.getOrDefault(g, Map.of())));
              }
              return AdminResults.offsets(asked);
            case "listTopics":
              return AdminResults.topics(topics);
            case "listOffsets":
              Map<TopicPartition, OffsetSpec> request = (Map<TopicPartition, OffsetSpec>) args[0];
              listOffsetsRequests.add(request);
              Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> out = new HashMap<>();
              request.forEach((tp, spec) -> {
                KafkaFutureImpl<ListOffsetsResult.ListOffsetsResultInfo> f = new KafkaFutureImpl<>();
                if (failing.contains(tp)) {
                  f.completeExceptionally(new UnknownTopicOrPartitionException(tp.toString()));
                } else {
                  long offset = spec instanceof OffsetSpec.EarliestSpec ? starts.get(tp) : ends.get(tp);
                  f.complete(new ListOffsetsResult.ListOffsetsResultInfo(offset, -1L, Optional.empty()));
                }
                out.put(tp, f);
              });
              return new ListOffsetsResult(out);
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }
}
