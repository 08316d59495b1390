package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.config.TopicMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills each poll from the task's pairs, round robin: every pair with records left gets an equal share of
 * {@code replay.batch.max.records} (at least one), starting one pair further at every poll, so that no partition
 * starves the others. Records keep their order within a pair.
 */
final class ReplayLoop {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayLoop.class);

  private final List<PairReplay> active;
  private final List<PairReplay> all;
  private final TopicMapping mapping;
  private final int batch;
  private int start;
  private boolean summarised;

  ReplayLoop(List<PairReplay> pairs, TopicMapping mapping, int batch) {
    this.active = new ArrayList<>(pairs);
    this.all = List.copyOf(pairs);
    this.mapping = mapping;
    this.batch = batch;
  }

  /** Whether every pair is replayed to its end. */
  boolean done() {
    return active.isEmpty();
  }

  /**
   * The next batch; empty when everything is replayed (the first time, an INFO summary is logged).
   *
   * @param stopping checked between records: a stopping task returns what it has
   */
  List<SourceRecord> poll(BooleanSupplier stopping) {
    List<SourceRecord> out = new ArrayList<>();
    while (out.size() < batch && !active.isEmpty() && !stopping.getAsBoolean()) {
      int share = Math.max(1, (batch - out.size()) / active.size());
      int first = start % active.size();
      List<PairReplay> order = new ArrayList<>(active.subList(first, active.size()));
      order.addAll(active.subList(0, first));
      for (PairReplay pair : order) {
        for (int i = 0; i < share && out.size() < batch && !stopping.getAsBoolean(); i++) {
          PairReplay.Next next = pair.next();
          if (next == null) {
            active.remove(pair);
            LOG.info("{}: every file replayed ({} records from {} files)", pair.pair(), pair.records(),
                pair.files());
            break;
          }
          out.add(toSourceRecord(pair, next));
        }
        if (out.size() >= batch) {
          break;
        }
      }
    }
    start++;
    if (active.isEmpty() && !summarised) {
      summarised = true;
      summarise();
    }
    return out;
  }

  private SourceRecord toSourceRecord(PairReplay pair, PairReplay.Next next) {
    ReplayRecord record = next.record();
    ConnectHeaders headers = new ConnectHeaders();
    for (ReplayRecord.Header header : record.headers()) {
      headers.addBytes(header.key(), header.value());
    }
    // A null key or value goes out without a schema, as converters read a null (a tombstone) in the first place:
    // with a schema, JsonConverter would write the text "null" instead of a null value.
    return new SourceRecord(ReplayOffsets.sourcePartition(pair.pair()), next.sourceOffset(),
        mapping.target(pair.pair().topic()), pair.pair().partition(),
        record.key() == null ? null : record.keySchema(), record.key(),
        record.value() == null ? null : record.valueSchema(), record.value(), record.timestamp(), headers);
  }

  private void summarise() {
    long records = 0;
    long files = 0;
    Map<String, String> perPair = new LinkedHashMap<>();
    for (PairReplay pair : all) {
      records += pair.records();
      files += pair.files();
      perPair.put(pair.pair().toString(), pair.records() + " records/" + pair.files() + " files -> "
          + mapping.target(pair.pair().topic()));
    }
    LOG.info("Replay complete: {} records from {} files over {} partitions: {}", records, files, all.size(),
        perPair);
  }

  /** Closes every pair's open files. */
  void close() {
    all.forEach(PairReplay::close);
  }
}
