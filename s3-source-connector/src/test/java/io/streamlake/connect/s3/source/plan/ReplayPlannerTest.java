package io.streamlake.connect.s3.source.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.source.config.S3SourceConfig;
import io.streamlake.connect.s3.source.listing.SourcePair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class ReplayPlannerTest {

  private static final List<String> LISTING = List.of(
      "topics/_epochs/orders/0/0000000000.json",
      "topics/orders/year=2026/month=01/day=01/hour=10/orders+0+0000000010.parquet",
      "topics/orders/year=2026/month=01/day=01/hour=10/orders+0+0000000010.keys.avro",
      "topics/orders/year=2026/month=01/day=01/hour=09/orders+0+0000000000.parquet",
      "topics/orders/year=2026/month=01/day=01/hour=09/orders+0+0000000000.1.parquet",
      "topics/orders/year=2026/month=01/day=01/hour=09/orders+0+0000000000.1.headers.avro",
      "topics/orders/year=2026/month=01/day=01/hour=11/orders+1+0000000003.parquet",
      "topics/payments/year=2026/month=01/day=01/hour=10/payments+0+0000000000.parquet",
      "topics/orders/year=2026/month=01/day=01/hour=12/orders+0+0000000099.keys.avro");

  private static Map<SourcePair, PairPlan> plan(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Map.of("s3.bucket.name", "lake"));
    props.putAll(extra);
    return ReplayPlanner.of(new S3SourceConfig(props)).plan(LISTING);
  }

  private static List<String> keys(PairPlan plan) {
    return plan.files().stream().map(PlannedFile::key).toList();
  }

  @Test
  void everyPairInOrderWithFilesByStartOffsetThenVariantAndTheirSideFiles() {
    Map<SourcePair, PairPlan> plans = plan(Map.of());
    assertThat(plans.keySet()).containsExactly(new SourcePair("orders", 0), new SourcePair("orders", 1),
        new SourcePair("payments", 0));
    PairPlan orders0 = plans.get(new SourcePair("orders", 0));
    assertThat(keys(orders0)).containsExactly(
        "topics/orders/year=2026/month=01/day=01/hour=09/orders+0+0000000000.parquet",
        "topics/orders/year=2026/month=01/day=01/hour=09/orders+0+0000000000.1.parquet",
        "topics/orders/year=2026/month=01/day=01/hour=10/orders+0+0000000010.parquet");
    assertThat(orders0.files().get(0).headers()).isEmpty();
    assertThat(orders0.files().get(1).headers()).map(f -> f.key()).hasValue(
        "topics/orders/year=2026/month=01/day=01/hour=09/orders+0+0000000000.1.headers.avro");
    assertThat(orders0.files().get(2).keys()).map(f -> f.key()).hasValue(
        "topics/orders/year=2026/month=01/day=01/hour=10/orders+0+0000000010.keys.avro");
  }

  @Test
  void topicAndPartitionFilters() {
    assertThat(plan(Map.of("replay.topics", "orders")).keySet()).containsExactly(new SourcePair("orders", 0),
        new SourcePair("orders", 1));
    assertThat(plan(Map.of("replay.partitions", "1")).keySet()).containsExactly(new SourcePair("orders", 1));
    assertThat(plan(Map.of("replay.topics", "missing")).keySet()).isEmpty();
  }

  @Test
  void timeFilterKeepsFilesWhoseBucketOverlapsTheRange() {
    Map<SourcePair, PairPlan> plans = plan(Map.of("partitioner.class", "hourly", "timezone", "UTC",
        "replay.time.from", "2026-01-01T09:30:00Z", "replay.time.to", "2026-01-01T11:00:00Z"));
    assertThat(plans.keySet()).containsExactly(new SourcePair("orders", 0), new SourcePair("payments", 0));
    assertThat(keys(plans.get(new SourcePair("orders", 0)))).containsExactly(
        "topics/orders/year=2026/month=01/day=01/hour=09/orders+0+0000000000.parquet",
        "topics/orders/year=2026/month=01/day=01/hour=09/orders+0+0000000000.1.parquet",
        "topics/orders/year=2026/month=01/day=01/hour=10/orders+0+0000000010.parquet");
    assertThat(plan(Map.of("path.format", "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH", "timezone", "UTC",
        "replay.time.from", "2026-01-01T11:00:00Z")).keySet()).containsExactly(new SourcePair("orders", 1));
  }

  @Test
  void aTimeFilterOnPathsWithoutTheFormatFailsNamingTheKeys() {
    Map<String, String> props = new HashMap<>(Map.of("s3.bucket.name", "lake", "path.format", "'dt'=YYYY-MM-dd",
        "timezone", "UTC", "replay.time.from", "2026-01-01T00:00:00Z"));
    ReplayPlanner planner = ReplayPlanner.of(new S3SourceConfig(props));
    assertThatThrownBy(() -> planner.plan(List.of("topics/o/partition=0/o+0+0000000000.json")))
        .isInstanceOf(ConnectException.class).hasMessageContaining("topics/o/partition=0/o+0+0000000000.json")
        .hasMessageContaining("path.format").hasMessageContaining("replay.time.from");
  }

  @Test
  void assignmentIsRoundRobinInAStableOrderAndNeverEmpty() {
    List<SourcePair> pairs = List.of(new SourcePair("a", 0), new SourcePair("a", 1), new SourcePair("a", 2),
        new SourcePair("b", 0), new SourcePair("b", 1));
    assertThat(Assignment.roundRobin(pairs, 2)).containsExactly(
        List.of(pairs.get(0), pairs.get(2), pairs.get(4)), List.of(pairs.get(1), pairs.get(3)));
    assertThat(Assignment.roundRobin(pairs, 10)).hasSize(5).allMatch(list -> list.size() == 1);
    assertThat(Assignment.roundRobin(List.of(), 4)).isEmpty();
  }
}
