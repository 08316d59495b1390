package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.plan.PlannedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data file being replayed: downloaded with its side files, opened, read row by row, and deleted when
 * closed. Counts what it emitted, so that the end of a file is logged on one INFO line.
 */
final class ReplayFile {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayFile.class);

  private final PlannedFile planned;
  private final Downloads downloads;
  private final String target;
  private final ReplayReaders.LocalFile data;
  private final ReplayReaders.LocalFile keys;
  private final ReplayReaders.LocalFile headers;
  private final ReplayReaders.Reader reader;
  private ReplayRecord head;
  private long row = -1;
  private long emitted;
  private long skipped;
  private long firstOffset = -1;
  private long lastOffset = -1;
  private long firstRow = -1;

  private ReplayFile(PlannedFile planned, Downloads downloads, String target, ReplayReaders.LocalFile data,
      ReplayReaders.LocalFile keys, ReplayReaders.LocalFile headers, ReplayReaders.Reader reader) {
    this.planned = planned;
    this.downloads = downloads;
    this.target = target;
    this.data = data;
    this.keys = keys;
    this.headers = headers;
    this.reader = reader;
  }

  /** Downloads the file and its side files and opens them; {@code target} names the topic for the log. */
  static ReplayFile open(PlannedFile planned, Downloads downloads, ReplayReaders readers, boolean envelope,
      String target) {
    ReplayReaders.LocalFile data = null;
    ReplayReaders.LocalFile keys = null;
    ReplayReaders.LocalFile headers = null;
    try {
      data = downloads.fetch(planned.key());
      keys = planned.keys().isPresent() ? downloads.fetch(planned.keys().get().key()) : null;
      headers = planned.headers().isPresent() ? downloads.fetch(planned.headers().get().key()) : null;
      return new ReplayFile(planned, downloads, target, data, keys, headers,
          readers.open(data, keys, headers, envelope));
    } catch (IOException | RuntimeException e) {
      downloads.delete(data);
      downloads.delete(keys);
      downloads.delete(headers);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Cannot open " + planned.key(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Reads the next row into {@link #head}; false at the end. */
  boolean advance() {
    try {
      head = reader.next();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + planned.key() + " after row " + row, e);
    }
    if (head != null) {
      row++;
    }
    return head != null;
  }

  /** The current row (after {@link #advance()} returned true). */
  ReplayRecord head() {
    return head;
  }

  /** The 0-based index of the current row. */
  long row() {
    return row;
  }

  PlannedFile planned() {
    return planned;
  }

  String key() {
    return planned.key();
  }

  void emitted(long offset) {
    emitted++;
    firstRow = firstRow < 0 ? row : firstRow;
    if (offset >= 0) {
      firstOffset = firstOffset < 0 ? offset : firstOffset;
      lastOffset = offset;
    }
  }

  void skipped() {
    skipped++;
  }

  long emittedCount() {
    return emitted;
  }

  /** Closes and deletes the downloads; logs one INFO line when the file was read to its end. */
  void close(boolean complete) {
    try {
      reader.close();
    } catch (IOException e) {
      LOG.warn("Closing {} failed: {}", planned.key(), e.toString());
    } finally {
      downloads.delete(data);
      downloads.delete(keys);
      downloads.delete(headers);
    }
    if (complete) {
      String range = firstOffset >= 0 ? "original offsets " + firstOffset + "-" + lastOffset
          : emitted > 0 ? "rows " + firstRow + "-" + row : "no rows left";
      LOG.info("Replayed {}: {} records to {} partition {}, {}{}", planned.key(), emitted, target,
          planned.data().partition(), range, skipped == 0 ? "" : "; " + skipped + " already replayed, skipped");
    }
  }
}
