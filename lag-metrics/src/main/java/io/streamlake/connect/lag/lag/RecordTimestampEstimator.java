package io.streamlake.connect.lag.lag;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time lag from the timestamp of the record at the committed offset (the next record the group will read):
 * poll time minus that timestamp. Fetches with one consumer that is never part of a group and never
 * commits, in rounds of one position per partition, within a time budget per poll; positions not fetched
 * in time get no time lag this poll. Where compaction or transaction markers left a gap at the committed
 * offset, the first record after it is used.
 */
public final class RecordTimestampEstimator implements TimeLagEstimator {

  private static final Logger LOG = LoggerFactory.getLogger(RecordTimestampEstimator.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Duration budget;

  public RecordTimestampEstimator(Consumer<byte[], byte[]> consumer, Duration budget) {
    this.consumer = consumer;
    this.budget = budget;
  }

  @Override
  public Map<OffsetPosition, Long> estimate(ClusterSnapshot snapshot, Set<OffsetPosition> lagging) {
    Map<OffsetPosition, Long> lags = new HashMap<>();
    if (lagging.isEmpty()) {
      return lags;
    }
    Map<TopicPartition, Deque<Long>> pending = new HashMap<>();
    Map<TopicPartition, TreeSet<Long>> sorted = new HashMap<>();
    for (OffsetPosition position : lagging) {
      sorted.computeIfAbsent(position.partition(), tp -> new TreeSet<>()).add(position.offset());
    }
    sorted.forEach((tp, offsets) -> pending.put(tp, new ArrayDeque<>(offsets)));
    long deadline = System.nanoTime() + budget.toNanos();
    try {
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        Map<TopicPartition, Long> round = new HashMap<>();
        pending.forEach((tp, offsets) -> round.put(tp, offsets.peekFirst()));
        consumer.assign(round.keySet());
        consumer.resume(consumer.paused());
        round.forEach(consumer::seek);
        Set<TopicPartition> open = new HashSet<>(round.keySet());
        while (!open.isEmpty() && System.nanoTime() < deadline) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
          for (TopicPartition tp : records.partitions()) {
            if (!open.remove(tp)) {
              continue;
            }
            resolve(tp, records.records(tp), pending.get(tp), snapshot.takenAtMs(), lags);
            consumer.pause(List.of(tp));
          }
          skipExhausted(open, pending, snapshot.endOffsets());
        }
        pending.values().removeIf(Deque::isEmpty);
        if (!open.isEmpty()) {
          break;
        }
      }
    } catch (KafkaException e) {
      // keep what was fetched; the rest has no time lag this poll, and the next poll tries again
      LOG.warn("Fetching records at committed offsets failed after {} of {} positions: {}", lags.size(),
          lagging.size(), e.toString());
    } finally {
      consumer.assign(List.of());
    }
    return lags;
  }

  /**
   * A partition whose position reached its end offset without returning a record had only transaction
   * markers (or aborted data) after the committed offset: nothing to date, so stop waiting for it.
   */
  private void skipExhausted(Set<TopicPartition> open, Map<TopicPartition, Deque<Long>> pending,
      Map<TopicPartition, Long> ends) {
    for (Iterator<TopicPartition> it = open.iterator(); it.hasNext(); ) {
      TopicPartition tp = it.next();
      Long end = ends.get(tp);
      if (end != null && consumer.position(tp) >= end) {
        it.remove();
        pending.get(tp).clear();
        consumer.pause(List.of(tp));
      }
    }
  }

  /** Every pending offset covered by this fetched run of records gets the timestamp of its first record at or after it. */
  private static void resolve(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records, Deque<Long> offsets,
      long now, Map<OffsetPosition, Long> lags) {
    List<ConsumerRecord<byte[], byte[]>> run = new ArrayList<>(records);
    long first = offsets.pollFirst();
    lags.put(new OffsetPosition(tp, first), Math.max(0L, now - run.get(0).timestamp()));
    int i = 0;
    while (!offsets.isEmpty() && offsets.peekFirst() <= run.get(run.size() - 1).offset()) {
      long offset = offsets.pollFirst();
      while (run.get(i).offset() < offset) {
        i++;
      }
      lags.put(new OffsetPosition(tp, offset), Math.max(0L, now - run.get(i).timestamp()));
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
