package io.streamlake.connect.lag.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.lag.lag.GroupState;
import io.streamlake.connect.lag.lag.PartitionLag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class MetricAggregatorTest {

  private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

  private static PartitionLag lag(String group, String topic, int partition, long lag, Long timeLag) {
    return new PartitionLag(group, topic, partition, 0L, lag, lag, timeLag, GroupState.STABLE, AT.toEpochMilli());
  }

  private static String key(MetricDatum d) {
    return d.metricName() + d.dimensions().stream().map(x -> x.name() + "=" + x.value())
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static Map<String, Double> byKey(List<MetricDatum> datums) {
    return datums.stream().collect(Collectors.toMap(MetricAggregatorTest::key, MetricDatum::value));
  }

  @Test
  void guideCaseOneGroupOneTopic() {
    List<MetricDatum> datums = new MetricAggregator(false, 60).aggregate(List.of(
        lag("billing", "orders", 0, 30, 1_000L), lag("billing", "orders", 1, 50, 4_000L),
        lag("billing", "orders", 2, 0, 0L)), AT);
    assertThat(byKey(datums)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "TotalLag{ConsumerGroup=billing,Topic=orders}", 80.0,
        "SumOffsetLag{ConsumerGroup=billing,Topic=orders}", 80.0,
        "MaxOffsetLag{ConsumerGroup=billing,Topic=orders}", 50.0,
        "EstimatedMaxTimeLag{ConsumerGroup=billing,Topic=orders}", 4_000.0,
        "SumOffsetLag{ConsumerGroup=billing}", 80.0,
        "MaxOffsetLag{ConsumerGroup=billing}", 50.0,
        "EstimatedMaxTimeLag{ConsumerGroup=billing}", 4_000.0));
    MetricDatum total = datums.stream().filter(d -> d.metricName().equals("TotalLag")).findFirst().orElseThrow();
    assertThat(total.unit()).isEqualTo(StandardUnit.COUNT);
    assertThat(total.timestamp()).isEqualTo(AT);
    assertThat(total.storageResolution()).isEqualTo(60);
    assertThat(datums.stream().filter(d -> d.metricName().equals("EstimatedMaxTimeLag")))
        .allSatisfy(d -> assertThat(d.unit()).isEqualTo(StandardUnit.MILLISECONDS));
  }

  @Test
  void groupLevelAggregatesAcrossTopics() {
    List<MetricDatum> datums = new MetricAggregator(false, 1).aggregate(List.of(
        lag("g", "a", 0, 10, null), lag("g", "b", 0, 25, 700L), lag("h", "a", 0, 3, null)), AT);
    Map<String, Double> values = byKey(datums);
    assertThat(values).containsEntry("SumOffsetLag{ConsumerGroup=g}", 35.0)
        .containsEntry("MaxOffsetLag{ConsumerGroup=g}", 25.0)
        .containsEntry("EstimatedMaxTimeLag{ConsumerGroup=g,Topic=b}", 700.0)
        .containsEntry("TotalLag{ConsumerGroup=h,Topic=a}", 3.0);
    // g/a has no time-lag estimate yet, so neither has g as a whole (a/0 could be the furthest behind):
    // no datum rather than a made-up or understated value
    assertThat(values).doesNotContainKeys("EstimatedMaxTimeLag{ConsumerGroup=g}", "EstimatedMaxTimeLag{ConsumerGroup=h}",
        "EstimatedMaxTimeLag{ConsumerGroup=g,Topic=a}", "EstimatedMaxTimeLag{ConsumerGroup=h,Topic=a}");
    assertThat(datums).allSatisfy(d -> assertThat(d.storageResolution()).isEqualTo(1));
    assertThat(datums).allSatisfy(d -> assertThat(Double.isFinite(d.value())).isTrue());
  }

  @Test
  void partitionMetricsOnlyWhenEnabled() {
    List<PartitionLag> lags = List.of(lag("g", "t", 7, 12, 900L), lag("g", "t", 8, 4, null));
    assertThat(new MetricAggregator(false, 60).aggregate(lags, AT))
        .noneMatch(d -> d.metricName().equals("OffsetLag"));
    Map<String, Double> values = byKey(new MetricAggregator(true, 60).aggregate(lags, AT));
    assertThat(values).containsEntry("OffsetLag{ConsumerGroup=g,Topic=t,Partition=7}", 12.0)
        .containsEntry("EstimatedTimeLag{ConsumerGroup=g,Topic=t,Partition=7}", 900.0)
        .containsEntry("OffsetLag{ConsumerGroup=g,Topic=t,Partition=8}", 4.0)
        .doesNotContainKey("EstimatedTimeLag{ConsumerGroup=g,Topic=t,Partition=8}");
  }

  @Test
  void hugeLagsSaturateInsteadOfOverflowing() {
    List<MetricDatum> datums = new MetricAggregator(false, 60).aggregate(List.of(
        lag("g", "t", 0, Long.MAX_VALUE - 1, null), lag("g", "t", 1, Long.MAX_VALUE - 1, null)), AT);
    assertThat(byKey(datums).get("TotalLag{ConsumerGroup=g,Topic=t}")).isEqualTo((double) Long.MAX_VALUE)
        .isPositive();
  }

  @Test
  void dimensionValuesAreMadePrintableAscii() {
    assertThat(MetricAggregator.dim("ConsumerGroup", "zahlungs-verarbeitung-\u00fc\t1").value())
        .isEqualTo("zahlungs-verarbeitung-??1");
    assertThat(MetricAggregator.dim("ConsumerGroup", "").value()).isEqualTo("(empty)");
    assertThat(MetricAggregator.dim("ConsumerGroup", "  ").value()).isEqualTo("(empty)");
    assertThat(MetricAggregator.dim("Topic", "orders.v1_eu-west").value()).isEqualTo("orders.v1_eu-west");
  }

  @Test
  void longDimensionValuesAreCutToTheCloudWatchLimit() {
    String group = "g".repeat(1500);
    List<MetricDatum> datums = new MetricAggregator(false, 60).aggregate(List.of(lag(group, "t", 0, 1, null)), AT);
    assertThat(datums).allSatisfy(d -> assertThat(d.dimensions().get(0).value()).hasSize(1024));
  }
}
