package io.streamlake.connect.lag.lag;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Time lag from per-partition (end offset, time) samples kept across polls, the way kafka-lag-exporter
 * estimates it: the time the committed offset was written is interpolated between the samples around it,
 * and the lag is the poll time minus that. Needs two polls with traffic on a partition before it answers.
 *
 * <p>Memory is bounded: at most {@code maxSamples} per partition, and partitions absent from a snapshot
 * (deleted topics, groups no longer watched) are forgotten.
 */
public final class InterpolatingEstimator implements TimeLagEstimator {

  private final int maxSamples;
  private final Map<TopicPartition, SampleTable> tables = new HashMap<>();

  public InterpolatingEstimator(int maxSamples) {
    this.maxSamples = maxSamples;
  }

  @Override
  public Map<OffsetPosition, Long> estimate(ClusterSnapshot snapshot, Set<OffsetPosition> lagging) {
    tables.keySet().retainAll(snapshot.endOffsets().keySet());
    for (Map.Entry<TopicPartition, Long> end : snapshot.endOffsets().entrySet()) {
      tables.computeIfAbsent(end.getKey(), tp -> new SampleTable(maxSamples)).add(end.getValue(), snapshot.takenAtMs());
    }
    Map<OffsetPosition, Long> lags = new HashMap<>();
    for (OffsetPosition position : lagging) {
      SampleTable table = tables.get(position.partition());
      if (table == null) {
        continue;
      }
      OptionalDouble writtenAt = table.writtenAt(position.offset());
      if (writtenAt.isPresent() && Double.isFinite(writtenAt.getAsDouble())) {
        lags.put(position, Math.max(0L, Math.round(snapshot.takenAtMs() - writtenAt.getAsDouble())));
      }
    }
    return lags;
  }

  /** Number of partitions with a sample table (for tests and memory checks). */
  public int trackedPartitions() {
    return tables.size();
  }
}
