package io.streamlake.connect.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.lag.admin.GroupFilter;
import io.streamlake.connect.lag.admin.SnapshotReader;
import io.streamlake.connect.lag.cloudwatch.MetricAggregator;
import io.streamlake.connect.lag.config.MissingCommitPolicy;
import io.streamlake.connect.lag.lag.LagCalculator;
import io.streamlake.connect.lag.lag.TimeLagEstimator;
import io.streamlake.connect.lag.records.LagRecords;
import io.streamlake.connect.lag.testing.MutableClock;
import io.streamlake.connect.lag.testing.ScriptedAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class ConsumerLagSourceTaskTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private final ScriptedAdmin cluster = new ScriptedAdmin();
  private final AtomicInteger closed = new AtomicInteger();
  private final MutableClock clock = new MutableClock(1_000_000L);

  ConsumerLagSourceTaskTest() {
    cluster.topics.add("orders");
    cluster.ends.put(ORDERS_0, 100L);
    cluster.states.put("billing", ConsumerGroupState.EMPTY);
    cluster.commits.put("billing", Map.of(ORDERS_0, new OffsetAndMetadata(60L)));
  }

  private ConsumerLagSourceTask task() {
    return new ConsumerLagSourceTask((config, clientId) -> new LagPoller(
        new SnapshotReader(cluster.admin(), GroupFilter.all(), MissingCommitPolicy.SKIP, Duration.ofSeconds(5), clock),
        new LagCalculator(MissingCommitPolicy.SKIP, TimeLagEstimator.none()),
        config.metricsTopic().map(LagRecords::new), Optional.empty(), new MetricAggregator(false, 60),
        closed::incrementAndGet), clock);
  }

  private static Map<String, String> props(String interval) {
    return Map.of("admin.bootstrap.servers", "localhost:9092", "poll.interval.ms", interval,
        "metrics.topic", "lag", "cloudwatch.enabled", "false");
  }

  @Test
  void firstPollRunsAtOnceAndEmitsOneRecordPerPartition() throws Exception {
    ConsumerLagSourceTask task = task();
    task.start(props("60000"));
    List<SourceRecord> records = task.poll();
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo("lag");
      assertThat(r.timestamp()).isEqualTo(1_000_000L);
    });
    task.stop();
    assertThat(closed).hasValue(1);
  }

  @Test
  void nextPollWaitsForTheIntervalOnTheClock() throws Exception {
    ConsumerLagSourceTask task = task();
    task.start(props("200"));
    assertThat(task.poll()).hasSize(1);
    int callsAfterFirst = cluster.calls.size();
    clock.advance(200);
    assertThat(task.poll()).hasSize(1);
    assertThat(cluster.calls.size()).isGreaterThan(callsAfterFirst);
    task.stop();
  }

  @Test
  void stopWakesAWaitingPollAndClosesTheClientsOnce() throws Exception {
    ConsumerLagSourceTask task = task();
    task.start(props("600000"));
    task.poll();
    CompletableFuture<List<SourceRecord>> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return task.poll();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(200);
    assertThat(waiting).isNotDone();
    task.stop();
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
    task.stop();
    assertThat(closed).hasValue(1);
  }

  @Test
  void noGroupsNoRecords() throws Exception {
    cluster.states.clear();
    ConsumerLagSourceTask task = task();
    task.start(props("60000"));
    assertThat(task.poll()).isNull();
    assertThat(cluster.calls).containsExactly("listConsumerGroups");
    task.stop();
    assertThat(Set.of(closed.get())).containsExactly(1);
  }
}
