package io.streamlake.connect.lag.cloudwatch;

import static io.streamlake.connect.lag.cloudwatch.MetricNames.DIM_GROUP;
import static io.streamlake.connect.lag.cloudwatch.MetricNames.DIM_PARTITION;
import static io.streamlake.connect.lag.cloudwatch.MetricNames.DIM_TOPIC;

import io.streamlake.connect.lag.lag.PartitionLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Aggregates partition lags into CloudWatch datums: TotalLag, SumOffsetLag, MaxOffsetLag and
 * EstimatedMaxTimeLag per ConsumerGroup+Topic, the last three also per ConsumerGroup, and optionally
 * OffsetLag and EstimatedTimeLag per partition. A time-lag metric is left out where a partition's time lag
 * is not known yet (never a guess); no datum ever carries NaN or Infinity.
 */
public final class MetricAggregator {

  /** CloudWatch's limit on a dimension value's length. */
  static final int MAX_DIMENSION_VALUE = 1024;

  private final boolean partitionMetrics;
  private final int storageResolution;

  public MetricAggregator(boolean partitionMetrics, int storageResolution) {
    this.partitionMetrics = partitionMetrics;
    this.storageResolution = storageResolution;
  }

  public List<MetricDatum> aggregate(List<PartitionLag> lags, Instant timestamp) {
    Map<List<String>, Totals> byGroupTopic = new LinkedHashMap<>();
    Map<String, Totals> byGroup = new LinkedHashMap<>();
    List<MetricDatum> out = new ArrayList<>();
    for (PartitionLag lag : lags) {
      byGroupTopic.computeIfAbsent(List.of(lag.group(), lag.topic()), k -> new Totals()).add(lag);
      byGroup.computeIfAbsent(lag.group(), k -> new Totals()).add(lag);
      if (partitionMetrics) {
        List<Dimension> dims = List.of(dim(DIM_GROUP, lag.group()), dim(DIM_TOPIC, lag.topic()),
            dim(DIM_PARTITION, Integer.toString(lag.partition())));
        add(out, MetricNames.OFFSET_LAG, dims, lag.lag(), StandardUnit.COUNT, timestamp);
        if (lag.timeLagMs() != null) {
          add(out, MetricNames.ESTIMATED_TIME_LAG, dims, lag.timeLagMs(), StandardUnit.MILLISECONDS, timestamp);
        }
      }
    }
    for (Map.Entry<List<String>, Totals> entry : byGroupTopic.entrySet()) {
      List<Dimension> dims = List.of(dim(DIM_GROUP, entry.getKey().get(0)), dim(DIM_TOPIC, entry.getKey().get(1)));
      Totals totals = entry.getValue();
      add(out, MetricNames.TOTAL_LAG, dims, totals.sum, StandardUnit.COUNT, timestamp);
      addTotals(out, dims, totals, timestamp);
    }
    for (Map.Entry<String, Totals> entry : byGroup.entrySet()) {
      addTotals(out, List.of(dim(DIM_GROUP, entry.getKey())), entry.getValue(), timestamp);
    }
    return out;
  }

  private void addTotals(List<MetricDatum> out, List<Dimension> dims, Totals totals, Instant timestamp) {
    add(out, MetricNames.SUM_OFFSET_LAG, dims, totals.sum, StandardUnit.COUNT, timestamp);
    add(out, MetricNames.MAX_OFFSET_LAG, dims, totals.max, StandardUnit.COUNT, timestamp);
    if (totals.maxTimeLag >= 0 && !totals.timeLagUnknown) {
      add(out, MetricNames.ESTIMATED_MAX_TIME_LAG, dims, totals.maxTimeLag, StandardUnit.MILLISECONDS, timestamp);
    }
  }

  private void add(List<MetricDatum> out, String name, List<Dimension> dims, double value, StandardUnit unit,
      Instant timestamp) {
    if (!Double.isFinite(value)) {
      return;
    }
    out.add(MetricDatum.builder().metricName(name).dimensions(dims).value(value).unit(unit).timestamp(timestamp)
        .storageResolution(storageResolution).build());
  }

  /**
   * CloudWatch accepts dimension values of 1-1024 printable ASCII characters with at least one non-blank:
   * other characters become '?', longer values are cut, blank ones read "(empty)". The metrics-topic records
   * keep the exact names.
   */
  static Dimension dim(String name, String value) {
    StringBuilder text = new StringBuilder(Math.min(value.length(), MAX_DIMENSION_VALUE));
    for (int i = 0; i < value.length() && text.length() < MAX_DIMENSION_VALUE; i++) {
      char c = value.charAt(i);
      text.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    String cleaned = text.toString().isBlank() ? "(empty)" : text.toString();
    return Dimension.builder().name(name).value(cleaned).build();
  }

  /**
   * Sum and max of offset lag, max of the time lags. The max time lag is unknown as soon as one partition's
   * is: the unknown one could be the largest.
   */
  private static final class Totals {
    private long sum;
    private long max;
    private long maxTimeLag = -1L;
    private boolean timeLagUnknown;

    void add(PartitionLag lag) {
      sum = saturatedAdd(sum, lag.lag());
      max = Math.max(max, lag.lag());
      if (lag.timeLagMs() != null) {
        maxTimeLag = Math.max(maxTimeLag, lag.timeLagMs());
      } else {
        timeLagUnknown = true;
      }
    }

    private static long saturatedAdd(long a, long b) {
      long r = a + b;
      return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
  }
}
