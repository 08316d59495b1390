package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.format.RecordWriter;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.UploadStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One data file being written: its encoder, its upload, and the offsets it holds. {@code baseKey} is the key
 * the file's records decide (listed in the epoch marker); {@code key} is where it is written, a variant of the
 * base key when that was found taken by other records. Its side files (keys, headers), when the sink stores them,
 * are opened with it, take one row per row of it, and are sealed with it.
 */
final class OpenFile {

  private final String baseKey;
  private final String key;
  private final UploadStream upload;
  private final RecordWriter writer;
  private final boolean tagObjects;
  private final String pathTopic;
  private final String encodedPartition;
  private final org.apache.kafka.connect.data.Schema schema;
  /**
   * Value schemas of the records of a file not bound to one schema (JSON lines); null for bound files. Tombstones
   * (null values, written with {@code behavior.on.null.values=write}) add none: they have no columns, and their
   * null schema would stand for "schemaless" and clash with the file's real schema in the catalog.
   */
  private final Set<org.apache.kafka.connect.data.Schema> recordSchemas;
  private org.apache.kafka.connect.data.Schema lastRecordSchema;
  private boolean recordedSchema;
  private long startOffset = -1;
  private long endOffset = -1;
  private long records;
  private final List<Side> sides;

  /** A side file (keys or headers) of this data file: its key, derived from the data file's key, and its writer. */
  record Side(String key, UploadStream upload, RecordWriter writer) {
    void abort() {
      upload.abort();
      writer.abort();
    }
  }

  /** What {@link #seal} made of the data file and its side files, in the order they are published. */
  record SealedFiles(List<UploadStream.Sealed> sides, UploadStream.Sealed data) {
    void abort() {
      sides.forEach(UploadStream.Sealed::abort);
      data.abort();
    }
  }

  OpenFile(String baseKey, String key, UploadStream upload, RecordWriter writer, List<Side> sides, boolean tagObjects,
      String pathTopic, String encodedPartition, org.apache.kafka.connect.data.Schema schema, boolean bindsSchema) {
    this.sides = List.copyOf(sides);
    this.recordSchemas = bindsSchema ? null : new LinkedHashSet<>();
    this.pathTopic = pathTopic;
    this.encodedPartition = encodedPartition;
    this.schema = schema;
    this.baseKey = baseKey;
    this.key = key;
    this.upload = upload;
    this.writer = writer;
    this.tagObjects = tagObjects;
  }

  /**
   * Writes a record to the data file and its side files: every file converts the record first, so a record that
   * one of them cannot take (a DataException) leaves all of them unchanged and their row counts equal.
   *
   * @param tombstone the record stands for a null value (with {@code store.envelope} its row is not null, yet it
   *     adds no schema either: its value's schema is borrowed or a placeholder)
   */
  void write(SinkRecord record, boolean tombstone) throws IOException {
    if (sides.isEmpty()) {
      writer.write(record);
    } else {
      RecordWriter.Prepared row = writer.prepare(record);
      List<RecordWriter.Prepared> sideRows = new ArrayList<>(sides.size());
      for (Side side : sides) {
        sideRows.add(side.writer().prepare(record));
      }
      row.append();
      for (RecordWriter.Prepared sideRow : sideRows) {
        sideRow.append();
      }
    }
    if (recordSchemas != null && !tombstone && record.value() != null
        && (!recordedSchema || record.valueSchema() != lastRecordSchema)) {
      lastRecordSchema = record.valueSchema();
      recordedSchema = true;
      recordSchemas.add(lastRecordSchema); // one identity check per record; converters reuse schema instances
    }
    if (startOffset < 0) {
      startOffset = record.kafkaOffset();
    }
    endOffset = record.kafkaOffset();
    records++;
  }

  String key() {
    return key;
  }

  String baseKey() {
    return baseKey;
  }

  /** The topic of the file's path (after transforms). */
  String pathTopic() {
    return pathTopic;
  }

  String encodedPartition() {
    return encodedPartition;
  }

  /**
   * The value schemas of the file's rows (null stands for schemaless values): the schema it was opened with when
   * the format binds one, else every schema its non-null records had (none for a file of tombstones only).
   */
  List<org.apache.kafka.connect.data.Schema> schemas() {
    if (recordSchemas == null) {
      return Collections.singletonList(schema);
    }
    return new ArrayList<>(recordSchemas);
  }

  FileRange range() {
    return new FileRange(startOffset, endOffset, records);
  }

  long records() {
    return records;
  }

  long startOffset() {
    return startOffset;
  }

  long endOffset() {
    return endOffset;
  }

  /** Bytes of the data file (rotate.size.bytes counts data files; side files follow their data file). */
  long size() {
    return writer.size();
  }

  List<Side> sides() {
    return sides;
  }

  /**
   * Bookkeeping of one open file besides its encoder: its keys (about 100-byte strings for time-partitioned
   * paths), upload state, map entries, and its share of its topic-partition's state. Measured (MemoryScenario,
   * FanOutBench): about 1 KiB of live heap per open file with two compact rows, rows included, and about 1 KiB
   * more than the rows' allocation per file with 1,000 rows; 2 KiB keeps the count above what is held.
   */
  static final long OPEN_FILE_OVERHEAD = 2 * 1024;

  /** Memory held: the encoder's state and buffers, the upload's part buffer, and the file's bookkeeping. */
  long memoryBytes() {
    long total = OPEN_FILE_OVERHEAD + writer.bufferedBytes() + upload.allocated();
    for (Side side : sides) {
      total += side.writer().bufferedBytes() + side.upload().allocated();
    }
    return total;
  }

  /**
   * Finishes the encoding of the data file and its side files and uploads their last parts; nothing is visible
   * yet. Every object states the data file's range (its side files hold the same records' keys and headers).
   */
  SealedFiles seal() throws IOException {
    Map<String, String> tags = tagObjects
        ? Map.of("startOffset", Long.toString(startOffset), "endOffset", Long.toString(endOffset),
            "recordCount", Long.toString(records))
        : Map.of();
    ObjectStore.ObjectOptions options = new ObjectStore.ObjectOptions(tags, range().toMetadata());
    List<UploadStream.Sealed> sealedSides = new ArrayList<>(sides.size());
    try {
      for (Side side : sides) {
        side.writer().close();
        sealedSides.add(side.upload().seal(options));
      }
      writer.close();
      return new SealedFiles(sealedSides, upload.seal(options));
    } catch (IOException | RuntimeException e) {
      sealedSides.forEach(UploadStream.Sealed::abort);
      throw e;
    }
  }

  /** Drops the file and its side files without publishing them. */
  void abort() {
    upload.abort();
    writer.abort();
    sides.forEach(Side::abort);
  }
}
