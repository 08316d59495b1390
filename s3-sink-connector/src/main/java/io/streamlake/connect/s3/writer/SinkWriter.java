package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.config.NullValueBehavior;
import io.streamlake.connect.s3.format.SideFileFormat;
import io.streamlake.connect.s3.partition.Partitioner;
import io.streamlake.connect.s3.record.RecordLabel;
import io.streamlake.connect.s3.timestamp.TimestampExtractor;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Routes records to their topic-partition writers and answers which offsets are durable. One per task;
 * not thread-safe (Connect calls a task from one thread).
 */
public final class SinkWriter implements AutoCloseable {

  private final TopicPartitionWriter.WriterContext context;
  private final Partitioner partitioner;
  private final TimestampExtractor timestamps;
  private final NullValueBehavior nullValues;
  private final ErrantRecords errant;
  private final MemoryBudget budget;
  private final Map<TopicPartition, TopicPartitionWriter> writers = new HashMap<>();
  private final SourcePartitions sources;

  SinkWriter(TopicPartitionWriter.WriterContext context, Partitioner partitioner, TimestampExtractor timestamps,
      NullValueBehavior nullValues, ErrantRecords errant, MemoryBudget budget) {
    this(context, partitioner, timestamps, nullValues, errant, budget, new SourcePartitions());
  }

  SinkWriter(TopicPartitionWriter.WriterContext context, Partitioner partitioner, TimestampExtractor timestamps,
      NullValueBehavior nullValues, ErrantRecords errant, MemoryBudget budget, SourcePartitions sources) {
    this.sources = sources;
    this.context = context;
    this.partitioner = partitioner;
    this.timestamps = timestamps;
    this.nullValues = nullValues;
    this.errant = errant;
    this.budget = budget;
  }

  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      TopicPartitionWriter writer = writer(sources.of(record));
      long offset = record.kafkaOffset();
      if (!writer.epoch().accepts(offset)) {
        continue; // dropped until a rewind, or delivered again: handled (and reported) once
      }
      try {
        if (record.value() == null && nullValues != NullValueBehavior.WRITE) {
          if (nullValues == NullValueBehavior.FAIL) {
            throw new DataException(RecordLabel.of(record) + " has a null value (behavior.on.null.values=fail)");
          }
          writer.skip(offset);
          continue;
        }
        long timestamp = step(record, "reading its timestamp (timestamp.extractor, timestamp.field)",
            () -> timestamps.extract(record));
        String encoded = step(record, "partitioning it (partitioner.class, partition.field.name, path.format)",
            () -> partitioner.encode(record, timestamp));
        writer.append(record, timestamp, encoded);
      } catch (DataException e) {
        if (!writer.epoch().reportedBefore(offset)) {
          String label = RecordLabel.of(record);
          String message = String.valueOf(e.getMessage());
          errant.report(record, message.contains(label) ? e : new DataException(label + ": " + message, e));
          writer.epoch().markReported(offset);
        }
        writer.skip(offset);
      }
      budget.enforce(writers.values());
    }
    tick();
    writers.values().forEach(TopicPartitionWriter::endBatch);
  }

  /**
   * Runs one per-record step: any failure of it (an overflow, a parse error, a bug on an odd value) is the
   * record's problem, a {@link DataException} naming the record and the options involved, never a task crash.
   */
  private static <T> T step(SinkRecord record, String what, Supplier<T> step) {
    try {
      return step.get();
    } catch (DataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DataException(RecordLabel.of(record) + " failed while " + what + ": " + e, e);
    }
  }

  /** Applies timer-driven rotation (idle files, scheduled cuts). */
  public void tick() {
    for (TopicPartitionWriter writer : writers.values()) {
      writer.tick();
    }
  }

  /** Offsets safe to commit: only past data that is durable in S3, and past acknowledged errant records. */
  public Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
    errant.awaitReported();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartitionWriter writer : writers.values()) {
      long offset = writer.committableOffset();
      if (offset >= 0) {
        offsets.put(writer.partition(), new OffsetAndMetadata(offset));
      }
    }
    return offsets;
  }

  public void open(Collection<TopicPartition> partitions) {
    sources.assigned(partitions);
    partitions.forEach(this::writer);
  }

  /** Partitions leave this task: their open epochs are dropped and replayed by the next owner. */
  public void close(Collection<TopicPartition> partitions) {
    sources.revoked(partitions);
    for (TopicPartition partition : partitions) {
      TopicPartitionWriter writer = writers.remove(partition);
      if (writer != null) {
        writer.discard();
      }
    }
  }

  /** Total memory held by open files of this task. */
  public long memoryBytes() {
    long total = 0;
    for (TopicPartitionWriter writer : writers.values()) {
      total += writer.memoryBytes();
    }
    return total;
  }

  /** Number of files open (holding records or opened for one) across this task's topic-partitions. */
  public int openFiles() {
    int total = 0;
    for (TopicPartitionWriter writer : writers.values()) {
      total += writer.openFiles();
    }
    return total;
  }

  @Override
  public void close() {
    writers.values().forEach(TopicPartitionWriter::discard);
    writers.clear();
    context.format().close();
    context.sides().forEach(SideFileFormat::close);
  }

  private TopicPartitionWriter writer(TopicPartition partition) {
    return writers.computeIfAbsent(partition, p -> new TopicPartitionWriter(p, context));
  }
}
