package org.apache.kafka.clients.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.internals.CoordinatorKey;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/** Test-only: builds admin result objects whose constructors are package-private, for a scripted Admin. */
public final class AdminResults {

  private AdminResults() {}

  public static ListConsumerGroupsResult groups(Collection<ConsumerGroupListing> listings) {
    return new ListConsumerGroupsResult(KafkaFuture.completedFuture(new ArrayList<>(listings)));
  }

  public static ListConsumerGroupOffsetsResult offsets(
      Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> byGroup) {
    Map<CoordinatorKey, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> futures = new HashMap<>();
    byGroup.forEach((group, offsets) -> futures.put(CoordinatorKey.byGroupId(group), offsets));
    return new ListConsumerGroupOffsetsResult(futures);
  }

  public static ListTopicsResult topics(Collection<String> names) {
    Map<String, TopicListing> listings = new HashMap<>();
    names.forEach(name -> listings.put(name, new TopicListing(name, false)));
    return new ListTopicsResult(KafkaFuture.completedFuture(listings));
  }
}
