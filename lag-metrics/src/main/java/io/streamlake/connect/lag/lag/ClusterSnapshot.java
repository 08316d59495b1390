package io.streamlake.connect.lag.lag;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll read from the cluster: the watched groups and the offsets of their partitions.
 *
 * @param takenAtMs wall-clock time the end offsets were read: the time of this poll's (end offset, time) samples
 * @param endOffsets log-end offset of every partition to report (partitions of deleted topics are absent)
 * @param logStartOffsets log-start offset of partitions without a commit, when the policy needs it
 * @param skippedPartitions committed partitions not reported because their topic no longer exists or its
 *     offsets could not be read
 * @param adminRequests number of admin API calls this snapshot took
 */
public record ClusterSnapshot(long takenAtMs, List<GroupOffsets> groups, Map<TopicPartition, Long> endOffsets,
    Map<TopicPartition, Long> logStartOffsets, int skippedPartitions, int adminRequests) {

  public ClusterSnapshot {
    groups = List.copyOf(groups);
    endOffsets = Map.copyOf(endOffsets);
    logStartOffsets = Map.copyOf(logStartOffsets);
  }
}
