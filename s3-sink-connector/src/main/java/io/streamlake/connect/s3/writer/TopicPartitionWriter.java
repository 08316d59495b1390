package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.epoch.EpochLedger;
import io.streamlake.connect.s3.epoch.EpochState;
import io.streamlake.connect.s3.format.RecordFormat;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.S3UploadStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open files of one topic-partition, written in epochs (see docs/exactly-once.md): an epoch starts at the
 * first record written after a cut and ends at a cut where every file of the topic-partition (every encoded
 * partition) closes together. Only offsets before the open epoch are ever reported as committable.
 */
final class TopicPartitionWriter {

  private static final Logger log = LoggerFactory.getLogger(TopicPartitionWriter.class);

  private final TopicPartition partition;
  private final WriterContext context;
  private final Map<String, OpenFile> files = new LinkedHashMap<>();
  private final EpochState epoch = new EpochState();

  private long epochRecords;
  private long baseTimestamp;
  private long lastAppendWallMs;
  private long scheduledCutMs = Long.MAX_VALUE;
  private Schema epochSchema;
  /** Offset after the last record handled outside an open epoch (committed, or skipped); -1 if none. */
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
    if (epoch.isAwaitingRewind()) {
      return;
    }
    long offset = record.kafkaOffset();
    if (epoch.isOpen()) {
      RotationPolicy.Reason reason = epoch.isReplayingRecordedCut()
          ? (epoch.mustCutBefore(offset) ? RotationPolicy.Reason.RECORDED_CUT : null)
          : policyCutBefore(record, timestamp);
      if (reason != null) {
        cut(reason);
        if (epoch.isAwaitingRewind()) {
          return;
        }
      }
    }
    boolean opening = !epoch.isOpen();
    long recordedCut = opening ? recordedCutAt(offset) : -1;
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
      epoch.open(offset, recordedCut);
      epochSchema = record.valueSchema();
      baseTimestamp = timestamp;
      scheduledCutMs = context.rotation().nextScheduledCut(now);
    }
    epoch.appended(offset);
    epochRecords++;
    lastAppendWallMs = now;
    RotationPolicy.Reason after = epoch.isReplayingRecordedCut()
        ? (epoch.mustCutAfter(offset) ? RotationPolicy.Reason.RECORDED_CUT : null)
        : context.rotation().afterAppend(epochRecords, this::epochBytes);
    if (after != null) {
      cut(after);
    }
  }

  private RotationPolicy.Reason policyCutBefore(SinkRecord record, long timestamp) {
    RotationPolicy.Reason reason = context.rotation().beforeAppend(baseTimestamp, timestamp);
    if (reason == null && context.format().bindsSchema()
        && context.schemaChange().needsCut(epochSchema, record.valueSchema())) {
      reason = RotationPolicy.Reason.SCHEMA_CHANGE;
    }
    return reason;
  }

  private long recordedCutAt(long firstOffset) {
    if (context.ledger() == null) {
      return -1;
    }
    return context.ledger().recordedCut(partition, firstOffset).orElse(-1L);
  }

  /** A record that is not written (ignored null value, or reported as errant) still counts as handled. */
  void skip(long offset) {
    if (epoch.isAwaitingRewind()) {
      return;
    }
    if (epoch.mustCutBefore(offset)) {
      cut(RotationPolicy.Reason.RECORDED_CUT);
    }
    if (!epoch.isOpen() && !epoch.isAwaitingRewind()) {
      nextCommittable = Math.max(nextCommittable, offset + 1);
    }
  }

  /** Timer-driven cuts: idle files and the wall-clock schedule. Never during a replay of a recorded cut. */
  void tick() {
    if (epoch.isOpen() && !epoch.isReplayingRecordedCut()) {
      RotationPolicy.Reason reason = context.rotation().onTick(context.clock().millis(), lastAppendWallMs,
          scheduledCutMs);
      if (reason != null) {
        cut(reason);
      }
    }
  }

  /** The end of a batch from Connect: after a rewind request, the next batch starts at the rewound offset. */
  void endBatch() {
    epoch.rewound();
  }

  /** The offset to commit: everything before it is durable or was skipped. -1 when nothing was handled. */
  long committableOffset() {
    return epoch.isOpen() ? epoch.firstOffset() : nextCommittable;
  }

  /** Whether the memory budget may cut this partition early (not while replaying a recorded cut). */
  boolean canCutEarly() {
    return epoch.isOpen() && !epoch.isReplayingRecordedCut();
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

  /**
   * Closes every file of the epoch and publishes them together: seal (last parts uploaded, nothing visible),
   * claim the cut in the ledger unless replaying a recorded one, then make each file visible with a
   * conditional write.
   */
  void cut(RotationPolicy.Reason reason) {
    if (!epoch.isOpen()) {
      return;
    }
    long first = epoch.firstOffset();
    long last = epoch.lastOffset();
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
      if (context.ledger() != null && !epoch.isReplayingRecordedCut()) {
        Optional<Long> theirs = context.ledger().claim(partition, first, last,
            written.stream().map(OpenFile::key).toList());
        if (theirs.isPresent() && theirs.get() != last) {
          // Another task (a zombie, or this task's previous life) cut this epoch elsewhere: replay its cut.
          log.warn("Epoch {}@{} was already cut at {} by another task (this task would cut at {}); discarding"
              + " {} files and rewinding {} to offset {}", partition, first, theirs.get(), last, sealed.size(),
              partition, first);
          sealed.forEach(S3UploadStream.Sealed::abort);
          resetFiles();
          epoch.awaitRewind();
          context.rewinder().rewind(partition, first);
          return;
        }
      }
      for (S3UploadStream.Sealed file : sealed) {
        if (!file.commit()) {
          log.info("{} already exists, written by an earlier attempt of epoch {}@{}-{}; keeping it", file.key(),
              partition, first, last);
        }
      }
    } catch (IOException | RuntimeException e) {
      sealed.forEach(S3UploadStream.Sealed::abort);
      files.values().forEach(OpenFile::abort);
      resetFiles();
      epoch.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Closing files of " + partition + " failed", io);
      }
      throw (RuntimeException) e;
    }
    for (int i = 0; i < written.size(); i++) {
      OpenFile file = written.get(i);
      log.info("Committed s3://{}/{} records={} bytes={} offsets={}-{} (epoch {}@{}-{}, cut: {})",
          context.store().bucket(), file.key(), file.records(), sealed.get(i).size(), file.startOffset(),
          file.endOffset(), partition, first, last, reason);
    }
    nextCommittable = last + 1;
    resetFiles();
    epoch.close();
  }

  /** Drops the open epoch without publishing it (rebalance or stop): it is replayed from the committed offset. */
  void discard() {
    if (epoch.isOpen()) {
      log.info("Discarding open files of {} (offsets {}-{}); they are rewritten from the committed offset",
          partition, epoch.firstOffset(), epoch.lastOffset());
    }
    files.values().forEach(OpenFile::abort);
    resetFiles();
    epoch.close();
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

  private void resetFiles() {
    files.clear();
    epochRecords = 0;
    epochSchema = null;
    scheduledCutMs = Long.MAX_VALUE;
  }

  /** Asks Connect to reposition the consumer of a partition (SinkTaskContext.offset). */
  interface Rewinder {
    void rewind(TopicPartition partition, long offset);
  }

  /** Collaborators shared by all topic-partitions of a task. {@code ledger} is null when exactly.once=false. */
  record WriterContext(RecordFormat format, ObjectKeys keys, ObjectStore store, int partSize, boolean tagObjects,
      RotationPolicy rotation, SchemaChange schemaChange, EpochLedger ledger, Rewinder rewinder, Clock clock) {
  }
}
