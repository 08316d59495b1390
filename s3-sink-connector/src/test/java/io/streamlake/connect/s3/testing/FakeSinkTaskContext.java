package io.streamlake.connect.s3.testing;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A task context that records rewind requests and hands out a given errant-record reporter (may be null). */
public final class FakeSinkTaskContext implements SinkTaskContext {

  private final ErrantRecordReporter reporter;
  private final Map<TopicPartition, Long> rewinds = new HashMap<>();
  private final Set<TopicPartition> assignment = new HashSet<>();

  public FakeSinkTaskContext(ErrantRecordReporter reporter) {
    this.reporter = reporter;
  }

  /** Rewind requests since the last call, cleared by this call. */
  public Map<TopicPartition, Long> takeRewinds() {
    Map<TopicPartition, Long> out = new HashMap<>(rewinds);
    rewinds.clear();
    return out;
  }

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    return reporter;
  }

  @Override
  public Map<String, String> configs() {
    return Map.of();
  }

  @Override
  public void offset(Map<TopicPartition, Long> offsets) {
    rewinds.putAll(offsets);
  }

  @Override
  public void offset(TopicPartition tp, long offset) {
    rewinds.put(tp, offset);
  }

  @Override
  public void timeout(long timeoutMs) {
  }

  @Override
  public Set<TopicPartition> assignment() {
    return Collections.unmodifiableSet(assignment);
  }

  @Override
  public void pause(TopicPartition... partitions) {
  }

  @Override
  public void resume(TopicPartition... partitions) {
  }

  @Override
  public void requestCommit() {
  }
}
