package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.format.RecordFormat;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.S3UploadStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open files of one topic-partition, written in epochs: an epoch starts at the first record written
 * after a cut and ends at a cut, where every file of the topic-partition (every encoded partition) closes
 * together. Only offsets before the open epoch are ever reported as committable.
 */
final class TopicPartitionWriter {

  private static final Logger log = LoggerFactory.getLogger(TopicPartitionWriter.class);

  private final TopicPartition partition;
  private final WriterContext context;
  private final Map<String, OpenFile> files = new LinkedHashMap<>();

  private long epochFirstOffset = -1;
  private long epochLastOffset = -1;
  private long epochRecords;
  private long baseTimestamp;
  private long lastAppendWallMs;
  private long scheduledCutMs = Long.MAX_VALUE;
  private Schema epochSchema;
  /** Offset after the last record handled outside an open epoch (written and committed, or skipped); -1 if none. */
  private long nextCommittable = -1;

  TopicPartitionWriter(TopicPartition partition, WriterContext context) {
    this.partition = partition;
    this.context = context;
  }

  /**
   * Writes a record whose time and encoded partition are already known.
   *
   * @throws org.apache.kafka.connect.errors.DataException when the format cannot encode the record; the
   *     files are unchanged and the caller reports the record
   */
  void append(SinkRecord record, long timestamp, String encodedPartition) {
    if (isEpochOpen()) {
      RotationPolicy.Reason reason = context.rotation().beforeAppend(baseTimestamp, timestamp);
      if (reason == null && context.format().bindsSchema()
          && context.schemaChange().needsCut(epochSchema, record.valueSchema())) {
        reason = RotationPolicy.Reason.SCHEMA_CHANGE;
      }
      if (reason != null) {
        cut(reason);
      }
    }
    boolean opening = !isEpochOpen();
    Schema fileSchema = opening ? record.valueSchema() : epochSchema;
    OpenFile file = files.get(encodedPartition);
    if (file == null) {
      file = openFile(record, encodedPartition, fileSchema);
      files.put(encodedPartition, file);
    }
    try {
      file.write(record);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + file.key() + " failed", e);
    } catch (RuntimeException e) {
      if (file.records() == 0) {
        // Never keep a file opened for a record that could not be written: its schema and key came from it.
        files.remove(encodedPartition);
        file.abort();
      }
      throw e;
    }
    long now = context.clock().millis();
    if (opening) {
      epochFirstOffset = record.kafkaOffset();
      epochSchema = record.valueSchema();
      baseTimestamp = timestamp;
      scheduledCutMs = context.rotation().nextScheduledCut(now);
    }
    epochLastOffset = record.kafkaOffset();
    epochRecords++;
    lastAppendWallMs = now;
    RotationPolicy.Reason after = context.rotation().afterAppend(epochRecords, epochBytes());
    if (after != null) {
      cut(after);
    }
  }

  /** A record that is not written (ignored null value, or reported as errant) still counts as handled. */
  void skip(long offset) {
    if (!isEpochOpen()) {
      nextCommittable = Math.max(nextCommittable, offset + 1);
    }
  }

  /** Timer-driven cuts: idle files and the wall-clock schedule. */
  void tick() {
    if (isEpochOpen()) {
      RotationPolicy.Reason reason = context.rotation().onTick(context.clock().millis(), lastAppendWallMs,
          scheduledCutMs);
      if (reason != null) {
        cut(reason);
      }
    }
  }

  /** The offset to commit: everything before it is durable or was skipped. -1 when nothing was handled. */
  long committableOffset() {
    return isEpochOpen() ? epochFirstOffset : nextCommittable;
  }

  boolean isEpochOpen() {
    return epochFirstOffset >= 0;
  }

  long memoryBytes() {
    long total = 0;
    for (OpenFile file : files.values()) {
      total += file.memoryBytes();
    }
    return total;
  }

  TopicPartition partition() {
    return partition;
  }

  /** Closes every file of the epoch and commits them together. */
  void cut(RotationPolicy.Reason reason) {
    if (!isEpochOpen()) {
      return;
    }
    List<OpenFile> written = new ArrayList<>();
    List<S3UploadStream.Sealed> sealed = new ArrayList<>();
    try {
      for (OpenFile file : files.values()) {
        if (file.records() == 0) {
          file.abort();
        } else {
          sealed.add(file.seal());
          written.add(file);
        }
      }
      context.committer().commit(partition, epochFirstOffset, epochLastOffset, sealed);
    } catch (IOException | RuntimeException e) {
      sealed.forEach(S3UploadStream.Sealed::abort);
      files.values().forEach(OpenFile::abort);
      resetEpoch();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Closing files of " + partition + " failed", io);
      }
      throw (RuntimeException) e;
    }
    for (int i = 0; i < written.size(); i++) {
      OpenFile file = written.get(i);
      log.info("Committed s3://{}/{} records={} bytes={} offsets={}-{} ({}, cut {} at {})", context.store().bucket(),
          file.key(), file.records(), sealed.get(i).size(), file.startOffset(), file.endOffset(), partition,
          reason, epochLastOffset);
    }
    nextCommittable = epochLastOffset + 1;
    resetEpoch();
  }

  /** Drops the open epoch without publishing it (rebalance or stop): it is replayed from the committed offset. */
  void discard() {
    if (isEpochOpen()) {
      log.info("Discarding open files of {} (offsets {}-{}); they are rewritten from the committed offset",
          partition, epochFirstOffset, epochLastOffset);
    }
    files.values().forEach(OpenFile::abort);
    resetEpoch();
  }

  private OpenFile openFile(SinkRecord record, String encodedPartition, Schema fileSchema) {
    String key = context.keys().dataKey(partition.topic(), partition.partition(), encodedPartition,
        record.kafkaOffset());
    S3UploadStream upload = new S3UploadStream(context.store(), key, context.partSize());
    SinkRecord schemaSource = fileSchema == record.valueSchema() ? record
        : record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), fileSchema,
            record.value(), record.timestamp());
    try {
      return new OpenFile(key, upload, context.format().open(upload, schemaSource), context.tagObjects());
    } catch (IOException e) {
      upload.abort();
      throw new UncheckedIOException("Opening " + key + " failed", e);
    }
  }

  private long epochBytes() {
    long total = 0;
    for (OpenFile file : files.values()) {
      total += file.size();
    }
    return total;
  }

  private void resetEpoch() {
    files.clear();
    epochFirstOffset = -1;
    epochLastOffset = -1;
    epochRecords = 0;
    epochSchema = null;
    scheduledCutMs = Long.MAX_VALUE;
  }

  /** Collaborators shared by all topic-partitions of a task. */
  record WriterContext(RecordFormat format, ObjectKeys keys, ObjectStore store, int partSize, boolean tagObjects,
      RotationPolicy rotation, SchemaChange schemaChange, EpochCommitter committer, java.time.Clock clock) {
  }
}
