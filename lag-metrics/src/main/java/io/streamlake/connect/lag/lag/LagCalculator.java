package io.streamlake.connect.lag.lag;

import io.streamlake.connect.lag.config.MissingCommitPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns a snapshot into one {@link PartitionLag} per group and reported partition: offset lag is
 * {@code max(0, end - committed)}, time lag comes from the {@link TimeLagEstimator}, and partitions that are
 * assigned but have no commit follow the {@link MissingCommitPolicy}.
 */
public final class LagCalculator {

  private static final Comparator<PartitionLag> ORDER = Comparator.comparing(PartitionLag::group)
      .thenComparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition);

  private final MissingCommitPolicy missingCommitPolicy;
  private final TimeLagEstimator estimator;

  public LagCalculator(MissingCommitPolicy missingCommitPolicy, TimeLagEstimator estimator) {
    this.missingCommitPolicy = missingCommitPolicy;
    this.estimator = estimator;
  }

  /** Lags sorted by group, topic and partition. */
  public List<PartitionLag> calculate(ClusterSnapshot snapshot) {
    Map<TopicPartition, Long> ends = snapshot.endOffsets();
    Set<OffsetPosition> lagging = new HashSet<>();
    for (GroupOffsets group : snapshot.groups()) {
      for (Map.Entry<TopicPartition, Long> commit : group.committed().entrySet()) {
        Long end = ends.get(commit.getKey());
        if (end != null && end > commit.getValue()) {
          lagging.add(new OffsetPosition(commit.getKey(), commit.getValue()));
        }
      }
    }
    Map<OffsetPosition, Long> timeLags = estimator.estimate(snapshot, lagging);
    List<PartitionLag> out = new ArrayList<>();
    for (GroupOffsets group : snapshot.groups()) {
      for (Map.Entry<TopicPartition, Long> commit : group.committed().entrySet()) {
        TopicPartition tp = commit.getKey();
        Long end = ends.get(tp);
        if (end == null) {
          continue;
        }
        long committed = commit.getValue();
        long lag = Math.max(0L, end - committed);
        Long timeLag = lag == 0 ? Long.valueOf(0L) : timeLags.get(new OffsetPosition(tp, committed));
        out.add(new PartitionLag(group.groupId(), tp.topic(), tp.partition(), committed, end, lag, timeLag,
            group.state(), snapshot.takenAtMs()));
      }
      if (missingCommitPolicy != MissingCommitPolicy.SKIP) {
        for (TopicPartition tp : group.assigned()) {
          Long end = ends.get(tp);
          if (group.committed().containsKey(tp) || end == null) {
            continue;
          }
          out.add(withoutCommit(group, tp, end, snapshot));
        }
      }
    }
    out.sort(ORDER);
    return out;
  }

  private PartitionLag withoutCommit(GroupOffsets group, TopicPartition tp, long end, ClusterSnapshot snapshot) {
    long lag = 0L;
    if (missingCommitPolicy == MissingCommitPolicy.LOG_START) {
      Long start = snapshot.logStartOffsets().get(tp);
      lag = start == null ? 0L : Math.max(0L, end - start);
    }
    return new PartitionLag(group.groupId(), tp.topic(), tp.partition(), null, end, lag, lag == 0 ? 0L : null,
        group.state(), snapshot.takenAtMs());
  }
}
