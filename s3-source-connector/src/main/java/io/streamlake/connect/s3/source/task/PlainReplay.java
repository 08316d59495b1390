package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.listing.LakeFile;
import io.streamlake.connect.s3.source.listing.LakeKeys;
import io.streamlake.connect.s3.source.listing.SourcePair;
import io.streamlake.connect.s3.source.plan.PairPlan;
import io.streamlake.connect.s3.source.plan.PlannedFile;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain files (no offsets in the rows): files in start-offset order, rows in file order; the source offset is the
 * object key and the row. On resume, files ordered before the committed key are skipped, and in its file the rows
 * up to the committed row. Files in the lake twice (variant keys) are replayed twice: plain rows cannot tell.
 */
final class PlainReplay implements PairReplay {

  private static final Logger LOG = LoggerFactory.getLogger(PlainReplay.class);

  private final SourcePair pair;
  private final List<PlannedFile> files;
  private final ReplaySources sources;
  private final String target;
  private int index;
  private String resumeKey;
  private long resumeRow = -1;
  private ReplayFile current;
  private long records;
  private long filesDone;

  PlainReplay(PairPlan plan, ReplaySources sources, String target, LakeKeys keys,
      Optional<ReplayOffsets.PlainPosition> resume) {
    this.pair = plan.pair();
    this.files = plan.files();
    this.sources = sources;
    this.target = target;
    resume.ifPresent(position -> seek(position, keys));
  }

  private void seek(ReplayOffsets.PlainPosition position, LakeKeys keys) {
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).key().equals(position.key())) {
        index = i;
        resumeKey = position.key();
        resumeRow = position.row();
        LOG.info("{}: resuming after row {} of {} (committed source offset)", pair, position.row(), position.key());
        return;
      }
    }
    LakeFile committed = keys.parse(position.key()).orElseThrow(() -> new ConnectException("The committed source"
        + " offset of " + pair + " names " + position.key() + ", which is not a data file under topics.dir: was"
        + " topics.dir changed? Restore it, or reset the connector's offsets"));
    index = files.size();
    for (int i = 0; i < files.size(); i++) {
      if (LakeFile.ORDER.compare(files.get(i).data(), committed) > 0) {
        index = i;
        break;
      }
    }
    LOG.warn("{}: the committed file {} is no longer listed (or filtered out); resuming with the next file in"
        + " order ({} of {} files left)", pair, position.key(), files.size() - index, files.size());
  }

  @Override
  public SourcePair pair() {
    return pair;
  }

  @Override
  public Next next() {
    while (true) {
      if (current == null) {
        if (index >= files.size()) {
          return null;
        }
        current = ReplayFile.open(files.get(index++), sources.downloads(), sources.readers(), false, target);
      }
      if (!current.advance()) {
        current.close(true);
        current = null;
        filesDone++;
        continue;
      }
      if (current.key().equals(resumeKey) && current.row() <= resumeRow) {
        current.skipped();
        continue;
      }
      ReplayRecord record = current.head();
      current.emitted(record.offset());
      records++;
      return new Next(record, ReplayOffsets.plain(current.key(), current.row()));
    }
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
    if (current != null) {
      current.close(false);
      current = null;
    }
  }
}
