package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.epoch.EpochCoordinator;
import io.streamlake.connect.s3.epoch.Epochs;
import io.streamlake.connect.s3.format.RecordFormat;
import io.streamlake.connect.s3.format.RecordWriter;
import io.streamlake.connect.s3.format.SideFileFormat;
import io.streamlake.connect.s3.record.RowShape;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.UploadStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * transforms that rename topics change the path of a file, never the bookkeeping. This class keeps the files,
 * their rotation and schema; the protocol's decisions (when to follow a recorded cut, whether to publish,
 * what to commit) are its {@link EpochCoordinator}'s.
 */
final class TopicPartitionWriter {

  private static final Logger log = LoggerFactory.getLogger(TopicPartitionWriter.class);

  private final TopicPartition partition;
  private final WriterContext context;
  private final Map<String, OpenFile> files = new LinkedHashMap<>();
  private final EpochCoordinator epoch;

  private long epochRecords;
  private long baseTimestamp;
  private long lastAppendWallMs;
  private long scheduledCutMs = Long.MAX_VALUE;
  private Schema epochSchema;
  private Schema epochKeySchema;

  TopicPartitionWriter(TopicPartition partition, WriterContext context) {
    this.partition = partition;
    this.context = context;
    this.epoch = context.epochs().coordinator(partition);
  }

  /** The protocol's view of this partition: what to accept, report and commit. */
  EpochCoordinator epoch() {
    return epoch;
  }

  /**
   * Writes a record whose time and encoded partition are already known.
   *
   * @throws org.apache.kafka.connect.errors.DataException when the format cannot encode the record; the
   *     files are unchanged and the caller reports the record
   */
  void append(SinkRecord record, long timestamp, String encodedPartition) {
    long offset = record.kafkaOffset();
    if (!epoch.accepts(offset)) {
      return;
    }
    // The row the file holds (the record, or its envelope): shaped after partitioner and timestamp read the record.
    SinkRecord row = context.rows().row(record, epoch.isOpen() ? epochSchema : null);
    if (epoch.isOpen()) {
      RotationPolicy.Reason reason = epoch.followsRecordedCut()
          ? (epoch.recordedCutBefore(offset) ? RotationPolicy.Reason.RECORDED_CUT : null)
          : policyCutBefore(row, timestamp);
      if (reason != null) {
        cut(reason);
        if (!epoch.accepts(offset)) {
          return; // the cut lost its claim or collided: the partition is being rewound
        }
        row = context.rows().row(record, null); // a tombstone's envelope follows the files it joins: none now
      }
    }
    boolean opening = !epoch.isOpen();
    if (opening) {
      epoch.opened(offset); // steps 1-2 before the first file opens: a recorded cut also fixes its key's spelling
    }
    try {
      write(row, record.value() == null, encodedPartition, opening ? row.valueSchema() : epochSchema);
    } catch (RuntimeException e) {
      if (opening) {
        epoch.abandoned(); // nothing of the epoch was written
      }
      throw e;
    }
    long now = context.clock().millis();
    if (opening) {
      epochSchema = row.valueSchema();
      epochKeySchema = record.keySchema() != null ? record.keySchema() : epochKeySchema;
      baseTimestamp = timestamp;
      scheduledCutMs = context.rotation().nextScheduledCut(now);
    }
    epoch.appended(offset);
    epochRecords++;
    lastAppendWallMs = now;
    RotationPolicy.Reason after = epoch.followsRecordedCut()
        ? (epoch.recordedCutAfter(offset) ? RotationPolicy.Reason.RECORDED_CUT : null)
        : context.rotation().afterAppend(epochRecords, this::epochBytes);
    if (after != null) {
      cut(after);
    }
  }

  /** @param tombstone the row stands for a null value: it adds no schema to a file's list (see OpenFile) */
  private void write(SinkRecord record, boolean tombstone, String encodedPartition, Schema fileSchema) {
    // The path topic joins the key only when a transform renamed it: no string is built per record otherwise.
    String fileId = record.topic().equals(partition.topic()) ? encodedPartition
        : record.topic() + '\u0000' + encodedPartition;
    OpenFile file = files.get(fileId);
    if (file == null) {
      file = openFile(record, encodedPartition, fileSchema);
      files.put(fileId, file);
    }
    try {
      file.write(record, tombstone);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + file.key() + " failed", e);
    } catch (RuntimeException e) {
      if (file.records() == 0) {
        // Never keep a file opened for a record that could not be written: its schema and key came from it.
        files.remove(fileId);
        file.abort();
      }
      throw asRecordFailure(e, file.key());
    }
  }

  private RotationPolicy.Reason policyCutBefore(SinkRecord record, long timestamp) {
    RotationPolicy.Reason reason = context.rotation().beforeAppend(baseTimestamp, timestamp);
    if (reason == null && context.format().bindsSchema()
        && context.schemaChange().needsCut(epochSchema, record.valueSchema())) {
      reason = RotationPolicy.Reason.SCHEMA_CHANGE;
    }
    if (reason == null && !context.sides().isEmpty() && record.keySchema() != null
        && epochKeySchema != record.keySchema() && !Objects.equals(epochKeySchema, record.keySchema())) {
      // A keys file is bound to the key schema of its first record: a new key schema starts new files, else
      // the keys file would drop the new key's fields or refuse the record. A null key without a schema goes
      // into the open files (as a null row where the key schema allows it).
      reason = RotationPolicy.Reason.SCHEMA_CHANGE;
    }
    return reason;
  }

  /**
   * A failure of the encoder on one record is that record's problem (a {@link DataException} for the errant
   * record reporter); a failing upload or stream is not.
   */
  private RuntimeException asRecordFailure(RuntimeException e, String key) {
    if (e instanceof DataException) {
      return e;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof IOException || cause instanceof UncheckedIOException) {
        return e; // the upload or stream failed (possibly wrapped by the encoder): not the record's fault
      }
    }
    return new DataException("The record cannot be written as " + context.format().extension() + " to "
        + key + " (format.class): " + e, e);
  }

  /** A record that is not written (ignored null value, or reported as errant) still counts as handled. */
  void skip(long offset) {
    if (!epoch.accepts(offset)) {
      return;
    }
    if (epoch.recordedCutBefore(offset)) {
      cut(RotationPolicy.Reason.RECORDED_CUT);
      if (!epoch.accepts(offset)) {
        return;
      }
    }
    epoch.skipped(offset);
  }

  /** Timer-driven cuts: idle files and the wall-clock schedule. Never during a replay of a recorded cut. */
  void tick() {
    if (epoch.isOpen() && !epoch.followsRecordedCut()) {
      RotationPolicy.Reason reason = context.rotation().onTick(context.clock().millis(), lastAppendWallMs,
          scheduledCutMs);
      if (reason != null) {
        cut(reason);
      }
    }
  }

  /** The end of a batch from Connect: after a rewind request, the next batch starts at the rewound offset. */
  void endBatch() {
    epoch.endBatch();
  }

  /** The offset to commit: everything before it is durable or was skipped. -1 when nothing was handled. */
  long committableOffset() {
    return epoch.committableOffset();
  }

  /** Whether the memory budget may cut this partition early (not while replaying a recorded cut). */
  boolean canCutEarly() {
    return epoch.canCutEarly();
  }

  long memoryBytes() {
    long total = 0;
    for (OpenFile file : files.values()) {
      total += file.memoryBytes();
    }
    return total;
  }

  int openFiles() {
    return files.size();
  }

  TopicPartition partition() {
    return partition;
  }

  /**
   * Closes every file of the epoch and publishes them together: seal (last parts uploaded, nothing visible),
   * claim the cut in the ledger unless replaying a recorded one, then make each file visible with a
   * conditional write, a data file's side files (keys, headers) before the data file itself, so that a visible
   * data file implies visible side files.
   */
  void cut(RotationPolicy.Reason reason) {
    if (!epoch.isOpen()) {
      return;
    }
    long first = epoch.firstOffset();
    long last = epoch.lastOffset();
    List<OpenFile> written = new ArrayList<>();
    List<OpenFile.SealedFiles> sealed = new ArrayList<>();
    try {
      for (OpenFile file : files.values()) {
        if (file.records() == 0) {
          file.abort();
        } else {
          sealed.add(file.seal());
          written.add(file);
        }
      }
      if (!epoch.claim(written.stream().map(OpenFile::baseKey).toList())) {
        sealed.forEach(OpenFile.SealedFiles::abort);
        resetFiles();
        return;
      }
      List<String> collided = new ArrayList<>();
      for (int i = 0; i < sealed.size(); i++) {
        OpenFile.SealedFiles file = sealed.get(i);
        FileRange ours = written.get(i).range();
        // Side files first: the data file is published only once all of them are durable.
        boolean sidesDurable = true;
        for (UploadStream.Sealed side : file.sides()) {
          if (!sidesDurable) {
            side.abort();
          } else if (!publish(side, ours, file.data().key(), first, last)) {
            sidesDurable = false;
          }
        }
        if (!sidesDurable) {
          file.data().abort();
          log.warn("{} is not published since one of its side files collided; {} will be rewound to offset {} to"
              + " write it and its side files under another key", file.data().key(), partition, first);
          collided.add(file.data().key());
        } else if (!publish(file.data(), ours, file.data().key(), first, last)) {
          collided.add(file.data().key());
        }
      }
      if (!collided.isEmpty()) {
        List<String> baseKeys = written.stream().map(OpenFile::baseKey).toList();
        resetFiles();
        epoch.collided(collided, baseKeys);
        return;
      }
    } catch (IOException | RuntimeException e) {
      sealed.forEach(OpenFile.SealedFiles::abort);
      files.values().forEach(OpenFile::abort);
      resetFiles();
      epoch.abandoned();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Closing files of " + partition + " failed", io);
      }
      throw (RuntimeException) e;
    }
    for (int i = 0; i < written.size(); i++) {
      OpenFile file = written.get(i);
      log.info("Committed s3://{}/{} records={} bytes={} offsets={}-{}{} (epoch {}@{}-{}, cut: {})",
          context.store().bucket(), file.key(), file.records(), sealed.get(i).data().size(), file.startOffset(),
          file.endOffset(), sideFilesText(sealed.get(i)), partition, first, last, reason);
      published(file);
    }
    resetFiles();
    epoch.published();
  }

  /**
   * Step 6 for one object (a data file or a side file of {@code dataKey}): makes it visible, or finds it holding
   * this file's records already.
   *
   * @return false when the key holds other records: the data file must take a variant key
   */
  private boolean publish(UploadStream.Sealed file, FileRange ours, String dataKey, long first, long last) {
    if (file.commit()) {
      epoch.durable(file.key());
      return true;
    }
    Optional<FileRange> existing = existingRange(file.key(), ours, dataKey);
    if (existing.isPresent() && existing.get().holds(ours)) {
      log.info("{} already exists with offsets {}, which hold this file's {} (an earlier attempt of epoch"
          + " {}@{}-{}); keeping it", file.key(), existing.get(), ours, partition, first, last);
      epoch.durable(file.key());
      return true;
    }
    // The key holds other records (markers missing or off, offsets reset): committing would lose offsets.
    // The other files are still published; then the epoch is replayed and this one takes a variant key.
    log.warn("{} already exists but holds {}, not this file's offsets {}; {} will be rewound to offset {} to"
        + " write the file under another key (records it shares with the existing object land twice)",
        file.key(), existing.map(FileRange::toString).orElse("no stated offsets"), ours, partition, first);
    return false;
  }

  /** The side files of a committed data file for its log line: name and bytes of each (rows, offsets: the data's). */
  private static String sideFilesText(OpenFile.SealedFiles files) {
    if (files.sides().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" with");
    for (UploadStream.Sealed side : files.sides()) {
      text.append(' ').append(side.key().substring(side.key().lastIndexOf('/') + 1)).append(" bytes=")
          .append(side.size());
    }
    return text.toString();
  }

  /** Tells the listener (the catalog) about a durable file; its failure is logged, never the writer's. */
  private void published(OpenFile file) {
    try {
      for (Schema schema : file.schemas()) {
        context.published().published(file.pathTopic(), schema, file.encodedPartition(), file.key());
      }
    } catch (RuntimeException e) {
      log.warn("The published-file listener failed for {}: {}", file.key(), e.toString(), e);
    }
  }

  /**
   * The range an existing object states: its metadata, or for a multipart object its tags. A multipart object
   * whose tags are missing (the task died between completing and tagging it, or the store has no tagging)
   * states only its first offset; it is taken to hold {@code ours} when that matches and the epoch replays a
   * marker that lists the key (for a side file: its data file's key), since only attempts following that marker
   * complete uploads under it.
   */
  private Optional<FileRange> existingRange(String key, FileRange ours, String dataKey) {
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
    // A side file is trusted as its data file is: the marker lists data files only, and names the side files.
    if (sameStart && (epoch.trustsUntagged(key) || epoch.trustsUntagged(dataKey))) {
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
    epoch.abandoned();
  }

  private OpenFile openFile(SinkRecord record, String encodedPartition, Schema fileSchema) {
    String baseKey = epoch.recordedSpelling(
        context.keys().dataKey(record.topic(), partition, encodedPartition, record.kafkaOffset()));
    String key = epoch.keyFor(baseKey, ObjectKeys.MAX_VARIANT,
        n -> context.keys().dataKey(record.topic(), partition, encodedPartition, record.kafkaOffset(), n));
    UploadStream upload = new UploadStream(context.store(), key, context.partSize(),
        new ObjectStore.ObjectOptions(Map.of(), FileRange.opening(record.kafkaOffset())));
    SinkRecord schemaSource = fileSchema == record.valueSchema() ? record
        : record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), fileSchema,
            record.value(), record.timestamp());
    List<OpenFile.Side> sides = new ArrayList<>(context.sides().size());
    String opening = key;
    try {
      RecordWriter writer = context.format().open(upload, schemaSource);
      for (SideFileFormat side : context.sides()) {
        // Side keys follow the data key, variants included, so the marker lists data keys only.
        String sideKey = side.keyFor(key, context.format().extension());
        opening = sideKey;
        UploadStream sideUpload = new UploadStream(context.store(), sideKey, context.partSize(),
            new ObjectStore.ObjectOptions(Map.of(), FileRange.opening(record.kafkaOffset())));
        try {
          sides.add(new OpenFile.Side(sideKey, sideUpload, side.open(sideUpload, record)));
        } catch (IOException | RuntimeException e) {
          sideUpload.abort();
          throw e;
        }
      }
      return new OpenFile(baseKey, key, upload, writer, sides, context.tagObjects(), record.topic(),
          encodedPartition, fileSchema, context.format().bindsSchema());
    } catch (IOException e) {
      upload.abort();
      sides.forEach(OpenFile.Side::abort);
      throw new UncheckedIOException("Opening " + opening + " failed", e);
    } catch (RuntimeException e) {
      // The record's schema cannot make a file of this format (e.g. a struct without fields in Parquet), or its
      // key or headers cannot make a side file.
      upload.abort();
      sides.forEach(OpenFile.Side::abort);
      throw asRecordFailure(e, opening);
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
    epochKeySchema = null;
    scheduledCutMs = Long.MAX_VALUE;
  }

  /** Collaborators shared by all topic-partitions of a task. */
  record WriterContext(RecordFormat format, ObjectKeys keys, ObjectStore store, int partSize, boolean tagObjects,
      RotationPolicy rotation, SchemaChange schemaChange, Epochs epochs, Clock clock, PublishedFiles published,
      RowShape rows, List<SideFileFormat> sides) {
  }
}
