package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.config.NullValueBehavior;
import io.streamlake.connect.s3.partition.Partitioner;
import io.streamlake.connect.s3.partition.RecordLabel;
import io.streamlake.connect.s3.timestamp.TimestampExtractor;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

  SinkWriter(TopicPartitionWriter.WriterContext context, Partitioner partitioner, TimestampExtractor timestamps,
      NullValueBehavior nullValues, ErrantRecords errant, MemoryBudget budget) {
    this.context = context;
    this.partitioner = partitioner;
    this.timestamps = timestamps;
    this.nullValues = nullValues;
    this.errant = errant;
    this.budget = budget;
  }

  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      TopicPartitionWriter writer = writer(new TopicPartition(record.topic(), record.kafkaPartition()));
      try {
        if (record.value() == null && nullValues != NullValueBehavior.WRITE) {
          if (nullValues == NullValueBehavior.FAIL) {
            throw new DataException(RecordLabel.of(record) + " has a null value (behavior.on.null.values=fail)");
          }
          writer.skip(record.kafkaOffset());
          continue;
        }
        long timestamp = timestamps.extract(record);
        String encoded = partitioner.encode(record, timestamp);
        writer.append(record, timestamp, encoded);
      } catch (DataException e) {
        String label = RecordLabel.of(record);
        String message = String.valueOf(e.getMessage());
        errant.report(record, message.contains(label) ? e : new DataException(label + ": " + message, e));
        writer.skip(record.kafkaOffset());
      }
      budget.enforce(writers.values());
    }
    tick();
    writers.values().forEach(TopicPartitionWriter::endBatch);
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
    partitions.forEach(this::writer);
  }

  /** Partitions leave this task: their open epochs are dropped and replayed by the next owner. */
  public void close(Collection<TopicPartition> partitions) {
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

  @Override
  public void close() {
    writers.values().forEach(TopicPartitionWriter::discard);
    writers.clear();
    context.format().close();
  }

  private TopicPartitionWriter writer(TopicPartition partition) {
    return writers.computeIfAbsent(partition, p -> new TopicPartitionWriter(p, context));
  }
}
