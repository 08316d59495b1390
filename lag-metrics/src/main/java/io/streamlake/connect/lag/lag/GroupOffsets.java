package io.streamlake.connect.lag.lag;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer group as read in one snapshot.
 *
 * @param committed committed offset (the next offset the group will read) per partition
 * @param assigned partitions assigned to the group's members (may include partitions without a commit)
 */
public record GroupOffsets(String groupId, GroupState state, Map<TopicPartition, Long> committed,
    Set<TopicPartition> assigned) {

  public GroupOffsets {
    committed = Map.copyOf(committed);
    assigned = Set.copyOf(assigned);
  }
}
