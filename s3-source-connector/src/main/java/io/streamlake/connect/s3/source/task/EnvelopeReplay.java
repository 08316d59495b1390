package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.listing.LakeFile;
import io.streamlake.connect.s3.source.listing.SourcePair;
import io.streamlake.connect.s3.source.plan.PairPlan;
import io.streamlake.connect.s3.source.plan.PlannedFile;
import io.streamlake.connect.s3.writer.FileRange;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Envelope files (every row has its original offset): a k-way merge of the partition's files by offset. A file
 * starts at the offset in its name and holds increasing offsets, so it is opened only when its start offset can
 * precede the smallest offset of the files already open; only files overlapping the current offset are open at
 * once. A row whose offset is at or below the last replayed one is skipped, so records the lake holds twice
 * (variant keys) are replayed once, and a resume continues right after the committed offset. On resume, files
 * whose range metadata ({@code writer.FileRange}) ends at or below the committed offset are not downloaded.
 */
final class EnvelopeReplay implements PairReplay {

  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeReplay.class);

  private final SourcePair pair;
  private final List<PlannedFile> files;
  private final ReplaySources sources;
  private final String target;
  private final PriorityQueue<ReplayFile> open = new PriorityQueue<>(
      Comparator.<ReplayFile>comparingLong(file -> file.head().offset())
          .thenComparing(file -> file.planned().data(), LakeFile.ORDER));
  private int index;
  private long last;
  private long records;
  private long filesDone;

  EnvelopeReplay(PairPlan plan, ReplaySources sources, String target, OptionalLong resume) {
    this.pair = plan.pair();
    this.files = plan.files();
    this.sources = sources;
    this.target = target;
    this.last = resume.orElse(-1L);
    if (resume.isPresent()) {
      LOG.info("{}: resuming after original offset {} (committed source offset)", pair, last);
    }
  }

  @Override
  public SourcePair pair() {
    return pair;
  }

  @Override
  public Next next() {
    while (true) {
      openFilesThatCanPrecede();
      ReplayFile top = open.poll();
      if (top == null) {
        return null;
      }
      ReplayRecord record = top.head();
      if (record.offset() < 0) {
        throw new DataException(top.key() + " row " + top.row() + " has no original offset: are these envelope"
            + " files? (store.envelope=true replays files the sink wrote with store.envelope=true)");
      }
      boolean duplicate = record.offset() <= last;
      if (duplicate) {
        top.skipped();
      } else {
        top.emitted(record.offset());
        last = record.offset();
        records++;
      }
      if (top.advance()) {
        open.add(top);
      } else {
        top.close(true);
        filesDone++;
      }
      if (!duplicate) {
        return new Next(record, ReplayOffsets.envelope(record.offset()));
      }
    }
  }

  /** Opens the next files while their start offset is at or below the smallest head among the open files. */
  private void openFilesThatCanPrecede() {
    while (index < files.size()
        && (open.isEmpty() || files.get(index).startOffset() <= open.peek().head().offset())) {
      PlannedFile file = files.get(index++);
      if (file.startOffset() <= last && replayedAlready(file)) {
        filesDone++;
        continue;
      }
      ReplayFile opened = ReplayFile.open(file, sources.downloads(), sources.readers(), true, target);
      if (opened.advance()) {
        open.add(opened);
      } else {
        opened.close(true);
        filesDone++;
      }
    }
  }

  /** Whether the file states a range that ends at or below the last replayed offset (no download needed). */
  private boolean replayedAlready(PlannedFile file) {
    Optional<Map<String, String>> metadata = sources.store().metadata(file.key());
    Optional<FileRange> range = metadata.flatMap(FileRange::from);
    if (range.isPresent() && range.get().last() <= last) {
      LOG.debug("{}: skipping {} (offsets {}), replayed up to {}", pair, file.key(), range.get(), last);
      return true;
    }
    return false;
  }

  @Override
  public long records() {
    return records;
  }

  @Override
  public long files() {
    return filesDone;
  }

  @Override
  public void close() {
    for (ReplayFile file : open) {
      file.close(false);
    }
    open.clear();
  }
}
