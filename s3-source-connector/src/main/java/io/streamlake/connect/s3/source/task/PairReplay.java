package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.listing.SourcePair;
import java.util.Map;

/** The records of one original topic-partition, in replay order, each with the source offset it commits. */
interface PairReplay {

  SourcePair pair();

  /** The next record, or null when every file is replayed. */
  Next next();

  /** Records returned so far. */
  long records();

  /** Files read to their end so far. */
  long files();

  /** Closes open files (deleting their downloads) without logging them as replayed. */
  void close();

  /** A record and the source offset that says it was replayed. */
  record Next(ReplayRecord record, Map<String, Object> sourceOffset) {
  }
}
