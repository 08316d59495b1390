package io.streamlake.connect.lag.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.lag.config.MissingCommitPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagCalculatorTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
  private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
  private static final TopicPartition ORDERS_2 = new TopicPartition("orders", 2);

  private static ClusterSnapshot snapshot(long at, Map<TopicPartition, Long> ends, GroupOffsets... groups) {
    return new ClusterSnapshot(at, List.of(groups), ends, Map.of(ORDERS_2, 40L), 0, 5);
  }

  @Test
  void offsetLagIsEndMinusCommittedNeverNegative() {
    GroupOffsets group = new GroupOffsets("billing", GroupState.STABLE, Map.of(ORDERS_0, 70L, ORDERS_1, 250L),
        Set.of(ORDERS_0, ORDERS_1));
    List<PartitionLag> lags = new LagCalculator(MissingCommitPolicy.SKIP, TimeLagEstimator.none())
        .calculate(snapshot(5_000, Map.of(ORDERS_0, 100L, ORDERS_1, 200L), group));
    assertThat(lags).containsExactly(
        new PartitionLag("billing", "orders", 0, 70L, 100L, 30L, null, GroupState.STABLE, 5_000),
        // committed beyond the end (a truncated log) is lag 0, with time lag 0
        new PartitionLag("billing", "orders", 1, 250L, 200L, 0L, 0L, GroupState.STABLE, 5_000));
  }

  @Test
  void missingCommitPolicies() {
    GroupOffsets group = new GroupOffsets("fresh", GroupState.STABLE, Map.of(), Set.of(ORDERS_2));
    Map<TopicPartition, Long> ends = Map.of(ORDERS_2, 100L);
    assertThat(new LagCalculator(MissingCommitPolicy.SKIP, TimeLagEstimator.none())
        .calculate(snapshot(1, ends, group))).isEmpty();
    assertThat(new LagCalculator(MissingCommitPolicy.ZERO, TimeLagEstimator.none())
        .calculate(snapshot(1, ends, group))).containsExactly(
            new PartitionLag("fresh", "orders", 2, null, 100L, 0L, 0L, GroupState.STABLE, 1));
    assertThat(new LagCalculator(MissingCommitPolicy.LOG_START, TimeLagEstimator.none())
        .calculate(snapshot(1, ends, group))).containsExactly(
            new PartitionLag("fresh", "orders", 2, null, 100L, 60L, null, GroupState.STABLE, 1));
  }

  @Test
  void partitionWithoutEndOffsetIsNotReported() {
    GroupOffsets group = new GroupOffsets("g", GroupState.EMPTY, Map.of(ORDERS_0, 1L), Set.of());
    assertThat(new LagCalculator(MissingCommitPolicy.SKIP, TimeLagEstimator.none())
        .calculate(snapshot(1, Map.of(), group))).isEmpty();
  }

  @Test
  void timeLagComesFromTheEstimatorOnlyForLaggingPositions() {
    GroupOffsets a = new GroupOffsets("a", GroupState.STABLE, Map.of(ORDERS_0, 150L), Set.of());
    GroupOffsets b = new GroupOffsets("b", GroupState.EMPTY, Map.of(ORDERS_0, 200L), Set.of());
    InterpolatingEstimator estimator = new InterpolatingEstimator(10);
    LagCalculator calculator = new LagCalculator(MissingCommitPolicy.SKIP, estimator);
    GroupOffsets a0 = new GroupOffsets("a", GroupState.STABLE, Map.of(ORDERS_0, 100L), Set.of());
    List<PartitionLag> first = calculator.calculate(snapshot(10_000, Map.of(ORDERS_0, 100L), a0));
    assertThat(first.get(0).timeLagMs()).isEqualTo(0L);
    List<PartitionLag> lags = calculator.calculate(snapshot(20_000, Map.of(ORDERS_0, 200L), a, b));
    // record 150 was written when the end passed 151: 10000 + 51 x 100 ms = 15100, lag 4900 ms at 20000
    assertThat(lags).extracting(PartitionLag::group, PartitionLag::lag, PartitionLag::timeLagMs)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 50L, 4_900L),
            org.assertj.core.groups.Tuple.tuple("b", 0L, 0L));
  }

  @Test
  void estimatorForgetsPartitionsThatDisappear() {
    InterpolatingEstimator estimator = new InterpolatingEstimator(10);
    LagCalculator calculator = new LagCalculator(MissingCommitPolicy.SKIP, estimator);
    GroupOffsets g = new GroupOffsets("g", GroupState.STABLE, Map.of(ORDERS_0, 1L, ORDERS_1, 1L), Set.of());
    calculator.calculate(snapshot(1_000, Map.of(ORDERS_0, 10L, ORDERS_1, 10L), g));
    assertThat(estimator.trackedPartitions()).isEqualTo(2);
    calculator.calculate(snapshot(2_000, Map.of(ORDERS_0, 10L), g));
    assertThat(estimator.trackedPartitions()).isEqualTo(1);
  }

  @Test
  void resultsSortedByGroupTopicPartition() {
    GroupOffsets z = new GroupOffsets("z", GroupState.STABLE, Map.of(ORDERS_1, 1L, ORDERS_0, 1L), Set.of());
    GroupOffsets a = new GroupOffsets("a", GroupState.STABLE, Map.of(ORDERS_1, 1L), Set.of());
    List<PartitionLag> lags = new LagCalculator(MissingCommitPolicy.SKIP, TimeLagEstimator.none())
        .calculate(snapshot(1, Map.of(ORDERS_0, 5L, ORDERS_1, 5L), z, a));
    assertThat(lags).extracting(l -> l.group() + "/" + l.partition()).containsExactly("a/1", "z/0", "z/1");
  }

  @Test
  void groupStatesMapToLabels() {
    assertThat(GroupState.of(org.apache.kafka.common.ConsumerGroupState.PREPARING_REBALANCE).label())
        .isEqualTo("Rebalancing");
    assertThat(GroupState.of(org.apache.kafka.common.ConsumerGroupState.COMPLETING_REBALANCE))
        .isEqualTo(GroupState.REBALANCING);
    assertThat(GroupState.of(org.apache.kafka.common.ConsumerGroupState.DEAD).label()).isEqualTo("Dead");
    assertThat(GroupState.of(org.apache.kafka.common.ConsumerGroupState.EMPTY).label()).isEqualTo("Empty");
    assertThat(GroupState.of(org.apache.kafka.common.ConsumerGroupState.STABLE).label()).isEqualTo("Stable");
    assertThat(GroupState.of(null)).isEqualTo(GroupState.UNKNOWN);
  }
}
