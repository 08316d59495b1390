package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.epoch.EpochLedger;
import io.streamlake.connect.s3.epoch.EpochMarker;
import io.streamlake.connect.s3.epoch.EpochState;
import io.streamlake.connect.s3.format.RecordFormat;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.S3UploadStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open files of one topic-partition, written in epochs (see docs/exactly-once.md): an epoch starts at the
 * first record written after a cut and ends at a cut where every file of the topic-partition (every encoded
 * partition) closes together. Only offsets before the open epoch are ever reported as committable.
 *
 * <p>{@code partition} is the source topic-partition the records were read from (their original coordinates):
 * transforms that rename topics change the path of a file, never the bookkeeping.
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
  /** The last offset appended or skipped; Connect may deliver offsets again (after a failed preCommit). */
  private long lastHandled = -1;
  /** Files listed by the marker of the epoch being replayed. */
  private List<String> recordedFiles = List.of();
  /** Keys found to hold other records than the file the writer wanted to publish there. */
  private final Set<String> takenKeys = new HashSet<>();
  /** Offsets sent to the errant-record reporter and not yet committed: a replay does not report them again. */
  private final NavigableSet<Long> reported = new TreeSet<>();

  TopicPartitionWriter(TopicPartition partition, WriterContext context) {
    this.partition = partition;
    this.context = context;
  }

  /**
   * Whether a record at {@code offset} is to be handled: not while waiting for a rewind (the rest of the
   * batch is dropped and delivered again) and not when it was handled already (Connect delivers offsets again
   * after it rewinds the consumer to the committed offset, while the open epoch still holds them).
   */
  boolean accepts(long offset) {
    return !epoch.isAwaitingRewind() && offset > lastHandled;
  }

  /** Whether the record at {@code offset} was reported as errant by an earlier attempt of its epoch. */
  boolean reportedBefore(long offset) {
    return reported.contains(offset);
  }

  void markReported(long offset) {
    reported.add(offset);
  }

  /**
   * Writes a record whose time and encoded partition are already known.
   *
   * @throws org.apache.kafka.connect.errors.DataException when the format cannot encode the record; the
   *     files are unchanged and the caller reports the record
   */
  void append(SinkRecord record, long timestamp, String encodedPartition) {
    long offset = record.kafkaOffset();
    if (!accepts(offset)) {
      return;
    }
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
    Optional<EpochMarker> recorded = opening ? recordedCutAt(offset) : Optional.empty();
    Schema fileSchema = opening ? record.valueSchema() : epochSchema;
    String fileId = record.topic() + '\u0000' + encodedPartition;
    OpenFile file = files.get(fileId);
    if (file == null) {
      file = openFile(record, encodedPartition, fileSchema);
      files.put(fileId, file);
    }
    try {
      file.write(record);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + file.key() + " failed", e);
    } catch (RuntimeException e) {
      if (file.records() == 0) {
        // Never keep a file opened for a record that could not be written: its schema and key came from it.
        files.remove(fileId);
        file.abort();
      }
      throw asRecordFailure(e, file);
    }
    long now = context.clock().millis();
    if (opening) {
      epoch.open(offset, recorded.map(EpochMarker::lastOffset).orElse(-1L));
      recordedFiles = recorded.map(EpochMarker::files).orElse(List.of());
      epochSchema = record.valueSchema();
      baseTimestamp = timestamp;
      scheduledCutMs = context.rotation().nextScheduledCut(now);
    }
    epoch.appended(offset);
    lastHandled = offset;
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

  /**
   * A failure of the encoder on one record is that record's problem (a {@link DataException} for the errant
   * record reporter); a failing upload or stream is not.
   */
  private RuntimeException asRecordFailure(RuntimeException e, OpenFile file) {
    if (e instanceof DataException) {
      return e;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof IOException || cause instanceof UncheckedIOException) {
        return e; // the upload or stream failed (possibly wrapped by the encoder): not the record's fault
      }
    }
    return new DataException("The record cannot be written as " + context.format().extension() + " to "
        + file.key() + " (format.class): " + e, e);
  }

  private Optional<EpochMarker> recordedCutAt(long firstOffset) {
    if (context.ledger() == null) {
      return Optional.empty();
    }
    return context.ledger().recordedCut(partition, firstOffset);
  }

  /** A record that is not written (ignored null value, or reported as errant) still counts as handled. */
  void skip(long offset) {
    if (!accepts(offset)) {
      return;
    }
    lastHandled = offset;
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
      if (context.ledger() != null && epoch.isReplayingRecordedCut()) {
        checkRecordedFiles(written, first, last);
      } else if (context.ledger() != null) {
        Optional<EpochMarker> theirs = context.ledger().claim(partition, first, last,
            written.stream().map(OpenFile::baseKey).toList());
        if (theirs.isPresent() && theirs.get().lastOffset() != last) {
          // Another task (a zombie, or this task's previous life) cut this epoch elsewhere: replay its cut.
          log.warn("Epoch {}@{} was already cut at {} by another task (this task would cut at {}); discarding"
              + " {} files and rewinding {} to offset {}", partition, first, theirs.get().lastOffset(), last,
              sealed.size(), partition, first);
          sealed.forEach(S3UploadStream.Sealed::abort);
          rewindEpoch(first);
          return;
        }
      }
      for (int i = 0; i < sealed.size(); i++) {
        S3UploadStream.Sealed file = sealed.get(i);
        if (file.commit()) {
          continue;
        }
        FileRange ours = written.get(i).range();
        Optional<FileRange> existing = existingRange(file.key(), ours);
        if (existing.isPresent() && existing.get().holds(ours)) {
          log.info("{} already exists with offsets {}, which hold this file's {} (an earlier attempt of epoch"
              + " {}@{}-{}); keeping it", file.key(), existing.get(), ours, partition, first, last);
          continue;
        }
        // The key holds other records (markers missing or off, offsets reset): publishing nothing here and
        // committing would lose offsets. Replay the epoch and write this file under the next variant key.
        log.warn("{} already exists but holds {}, not this file's offsets {}; rewinding {} to offset {} to write"
            + " the file under another key (records it shares with the existing object land twice)",
            file.key(), existing.map(FileRange::toString).orElse("no stated offsets"), ours, partition, first);
        takenKeys.add(file.key());
        sealed.subList(i + 1, sealed.size()).forEach(S3UploadStream.Sealed::abort);
        rewindEpoch(first);
        return;
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
    reported.headSet(nextCommittable).clear();
    takenKeys.clear();
    resetFiles();
    epoch.close();
  }

  /** Drops the epoch's files and asks Connect to deliver the partition again from the epoch's first offset. */
  private void rewindEpoch(long first) {
    resetFiles();
    epoch.awaitRewind();
    lastHandled = first - 1;
    context.rewinder().rewind(partition, first);
  }

  /**
   * A replay must write the files its marker lists. Another key means the layout changed since the marker was
   * written (partitioner, {@code path.format}, {@code topics.dir}, format): publishing would land the epoch's
   * records a second time under new keys. Fewer files are fine (compaction removed records of the epoch).
   */
  private void checkRecordedFiles(List<OpenFile> written, long first, long last) {
    Set<String> recorded = new HashSet<>(recordedFiles);
    List<String> unknown = written.stream().map(OpenFile::baseKey).filter(k -> !recorded.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw new ConnectException("Epoch marker " + context.ledger().describe(partition, first) + " records the"
          + " files " + recordedFiles + " for offsets " + first + "-" + last + ", but this run would write "
          + unknown + ". The data layout changed since that epoch was first written (partitioner.class,"
          + " partition.field.name, path.format, timezone, topics.dir or format.class); publishing would write"
          + " those records twice. Restore the earlier settings until the committed offset of " + partition
          + " passes " + last + ", or delete the marker to accept duplicates.");
    }
  }

  /**
   * The range an existing object states: its metadata, or for a multipart object its tags. A multipart object
   * whose tags are missing (the task died between completing and tagging it, or the store has no tagging)
   * states only its first offset; it is taken to hold {@code ours} when that matches and the epoch replays a
   * marker that lists the key, since only attempts following that marker complete uploads under it.
   */
  private Optional<FileRange> existingRange(String key, FileRange ours) {
    Optional<Map<String, String>> metadata = context.store().metadata(key);
    if (metadata.isEmpty()) {
      return Optional.empty();
    }
    Optional<FileRange> range = FileRange.from(metadata.get());
    if (range.isPresent()) {
      return range;
    }
    Map<String, String> both = new LinkedHashMap<>(context.store().tags(key));
    both.putAll(metadata.get());
    range = FileRange.from(both);
    if (range.isPresent()) {
      return range;
    }
    boolean sameStart = Long.toString(ours.first()).equals(metadata.get().get(FileRange.FIRST));
    if (sameStart && epoch.isReplayingRecordedCut() && recordedFiles.contains(key)) {
      return Optional.of(ours);
    }
    return Optional.empty();
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
    String baseKey = context.keys().dataKey(record.topic(), partition, encodedPartition, record.kafkaOffset());
    String key = baseKey;
    for (int variant = 1; takenKeys.contains(key); variant++) {
      if (variant > ObjectKeys.MAX_VARIANT) {
        throw new ConnectException("Every variant of " + baseKey + " up to ." + ObjectKeys.MAX_VARIANT
            + " holds other records; clean up the prefix before resuming " + partition);
      }
      key = context.keys().dataKey(record.topic(), partition, encodedPartition, record.kafkaOffset(), variant);
    }
    S3UploadStream upload = new S3UploadStream(context.store(), key, context.partSize(),
        new ObjectStore.ObjectOptions(Map.of(), FileRange.opening(record.kafkaOffset())));
    SinkRecord schemaSource = fileSchema == record.valueSchema() ? record
        : record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), fileSchema,
            record.value(), record.timestamp());
    try {
      return new OpenFile(baseKey, key, upload, context.format().open(upload, schemaSource), context.tagObjects());
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
