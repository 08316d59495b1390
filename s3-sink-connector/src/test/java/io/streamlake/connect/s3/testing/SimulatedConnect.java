package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.writer.SinkWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What the Connect runtime does for a sink task, reduced to the parts that matter for delivery guarantees:
 * a log per topic-partition, consumer positions, rewinds requested through the task context, and offsets
 * committed from {@code preCommit}. Tasks can be killed (no cleanup), closed by a rebalance, or fenced (a
 * zombie whose commits no longer count).
 */
public final class SimulatedConnect {

  private final Map<TopicPartition, List<SinkRecord>> logs;
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Function<FakeSinkTaskContext, SinkWriter> writers;
  private int tasksStarted;
  private int crashes;

  public SimulatedConnect(Map<TopicPartition, List<SinkRecord>> logs, Function<FakeSinkTaskContext, SinkWriter> writers) {
    this.logs = logs;
    this.writers = writers;
    logs.keySet().forEach(tp -> committed.put(tp, 0L));
  }

  /** A new task that owns every partition and starts at the committed offsets. */
  public Task start() {
    tasksStarted++;
    return new Task();
  }

  public boolean allCommitted() {
    return logs.entrySet().stream()
        .allMatch(e -> committed.get(e.getKey()) >= e.getValue().get(e.getValue().size() - 1).kafkaOffset() + 1);
  }

  public Map<TopicPartition, Long> committed() {
    return Map.copyOf(committed);
  }

  /** An operator resets the group's committed offset (while no task runs), e.g. to replay a range. */
  public void resetCommitted(TopicPartition partition, long offset) {
    committed.put(partition, offset);
  }

  public int tasksStarted() {
    return tasksStarted;
  }

  public int crashes() {
    return crashes;
  }

  /** One task's life. */
  public final class Task {
    private final FakeSinkTaskContext context = new FakeSinkTaskContext(null);
    private final SinkWriter writer = writers.apply(context);
    private final Map<TopicPartition, Long> positions = new HashMap<>(committed);
    private boolean dead;
    private boolean fenced;

    private Task() {
      writer.open(logs.keySet());
    }

    public boolean dead() {
      return dead;
    }

    /**
     * Delivers up to {@code perPartition} records of every partition in one {@code put}, then applies rewinds.
     *
     * @return records delivered; 0 when caught up or dead
     */
    public int poll(int perPartition) {
      if (dead) {
        return 0;
      }
      List<SinkRecord> batch = new ArrayList<>();
      for (Map.Entry<TopicPartition, List<SinkRecord>> log : logs.entrySet()) {
        long position = positions.get(log.getKey());
        int taken = 0;
        for (SinkRecord record : log.getValue()) {
          if (record.kafkaOffset() >= position && taken < perPartition) {
            batch.add(record);
            taken++;
            positions.put(log.getKey(), record.kafkaOffset() + 1);
          }
        }
      }
      try {
        writer.put(batch);
      } catch (CrashingStore.SimulatedCrash crash) {
        kill();
        crashes++;
        return 0;
      }
      positions.putAll(context.takeRewinds());
      return batch.size();
    }

    /** Timer-driven rotation only (an empty put). */
    public void tick() {
      if (!dead) {
        try {
          writer.put(List.of());
        } catch (CrashingStore.SimulatedCrash crash) {
          kill();
          crashes++;
        }
        positions.putAll(context.takeRewinds());
      }
    }

    /** Commits what preCommit returns, unless the task is dead or fenced. */
    public void commit() {
      if (dead || fenced) {
        return;
      }
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : writer.committableOffsets().entrySet()) {
        committed.put(e.getKey(), e.getValue().offset());
      }
    }

    /** The process dies: nothing is closed, nothing committed. */
    public void kill() {
      dead = true;
    }

    /** A rebalance takes the partitions away: the task closes them (open epochs are discarded). */
    public void revokeAll() {
      commit();
      writer.close(logs.keySet());
      dead = true;
    }

    /** The group moved on without this task: it keeps writing, but its commits are rejected. */
    public void fence() {
      fenced = true;
    }
  }
}
