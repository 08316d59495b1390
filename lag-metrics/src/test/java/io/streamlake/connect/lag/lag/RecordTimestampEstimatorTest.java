package io.streamlake.connect.lag.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordTimestampEstimatorTest {

  private static final TopicPartition EVENTS = new TopicPartition("events", 0);
  private static final TopicPartition QUIET = new TopicPartition("quiet", 0);
  private static final long NOW = 100_000L;

  private static ClusterSnapshot snapshot() {
    return new ClusterSnapshot(NOW, List.of(), Map.of(EVENTS, 10L, QUIET, 5L), Map.of(), 0, 5);
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, long timestamp) {
    return new ConsumerRecord<>("events", 0, offset, timestamp, TimestampType.CREATE_TIME, 0, 0, null, null,
        new RecordHeaders(), Optional.empty());
  }

  @Test
  void everyPositionOfAFetchedRunGetsItsRecordsTimestamp() {
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    consumer.updateBeginningOffsets(Map.of(EVENTS, 0L, QUIET, 0L));
    consumer.schedulePollTask(() -> {
      // offset 5 was compacted away: position 5 reads the record at 6
      for (long offset : new long[] {3, 4, 6, 7, 8, 9}) {
        consumer.addRecord(record(offset, 90_000L + offset * 100));
      }
    });
    Map<OffsetPosition, Long> lags = new RecordTimestampEstimator(consumer, Duration.ofMillis(500)).estimate(
        snapshot(), Set.of(new OffsetPosition(EVENTS, 3), new OffsetPosition(EVENTS, 5),
            new OffsetPosition(QUIET, 1)));
    assertThat(lags).containsOnly(
        Map.entry(new OffsetPosition(EVENTS, 3), NOW - 90_300L),
        Map.entry(new OffsetPosition(EVENTS, 5), NOW - 90_600L));
    // QUIET returned nothing within the budget: no value rather than a guess
    assertThat(consumer.assignment()).isEmpty();
  }

  @Test
  void onlyMarkersAfterTheCommitEndsTheWaitAtOnce() {
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    consumer.updateBeginningOffsets(Map.of(QUIET, 0L));
    // the committed offset 4 is a transaction marker: the consumer's position moves to the end (5), no record
    consumer.schedulePollTask(() -> consumer.seek(QUIET, 5L));
    long start = System.nanoTime();
    Map<OffsetPosition, Long> lags = new RecordTimestampEstimator(consumer, Duration.ofSeconds(20)).estimate(
        snapshot(), Set.of(new OffsetPosition(QUIET, 4)));
    assertThat(lags).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aFetchErrorKeepsWhatWasFetched() {
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    consumer.updateBeginningOffsets(Map.of(EVENTS, 0L));
    consumer.setPollException(new KafkaException("broker gone"));
    Map<OffsetPosition, Long> lags = new RecordTimestampEstimator(consumer, Duration.ofMillis(500)).estimate(
        snapshot(), Set.of(new OffsetPosition(EVENTS, 3)));
    assertThat(lags).isEmpty();
  }
}
