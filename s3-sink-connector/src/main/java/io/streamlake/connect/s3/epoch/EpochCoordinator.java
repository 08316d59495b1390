package io.streamlake.connect.s3.epoch;

import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once protocol for one source topic-partition (docs/exactly-once.md), in one place: it owns the
 * epoch state, the marker ledger and the rewind, and answers the writer, which keeps the files, with
 * decisions. Created by {@link Epochs}; the writer asks, in order:
 *
 * <ol>
 *   <li>{@link #accepts} for every delivered record (drops redeliveries and the rest of a batch after a rewind);
 *   <li>{@link #opened} when the first record of an epoch is written (steps 1 and 2: the recorded cut is read);
 *   <li>{@link #recordedCutBefore} / {@link #recordedCutAfter} while replaying a recorded cut, or its own
 *       rotation policy otherwise ({@link #followsRecordedCut});
 *   <li>at a cut, {@link #claim} (steps 3 and 5), then {@link #durable} per file that is, or for keys that
 *       hold other records {@link #collided} (step 6), and {@link #published} when every file is durable
 *       (step 7).
 * </ol>
 */
public final class EpochCoordinator {

  private static final Logger log = LoggerFactory.getLogger(EpochCoordinator.class);

  /** Asks Connect to reposition the consumer of a partition (SinkTaskContext.offset). */
  public interface Rewinder {
    void rewind(TopicPartition partition, long offset);
  }

  private final TopicPartition partition;
  private final EpochLedger ledger;
  private final Rewinder rewinder;
  private final EpochState epoch = new EpochState();
  /** Offset after the last record handled outside an open epoch (committed, or skipped); -1 if none. */
  private long nextCommittable = -1;
  /** The last offset appended or skipped; Connect may deliver offsets again (after a failed preCommit). */
  private long lastHandled = -1;
  /** Files listed by the marker of the epoch being replayed. */
  private List<String> recordedFiles = List.of();
  /** Keys found to hold other records than the file the writer wanted to publish there. */
  private final Set<String> takenKeys = new HashSet<>();
  /** Keys this task published for the open epoch's offsets before a collision made it replay the epoch. */
  private final Set<String> publishedHere = new HashSet<>();
  /**
   * Without a marker, the cut of an epoch that collided and is being replayed, remembered here so the replay
   * cuts where the attempt that published part of it did (a policy such as the wall-clock schedule would cut
   * elsewhere, and the files it published would no longer hold the replay's files).
   */
  private LocalCut localCut;

  private record LocalCut(long first, long last, List<String> files) {
  }
  /** Offsets sent to the errant-record reporter and not yet committed: a replay does not report them again. */
  private final NavigableSet<Long> reported = new TreeSet<>();

  /** @param ledger the marker ledger, or null when {@code exactly.once.enabled=false} */
  EpochCoordinator(TopicPartition partition, EpochLedger ledger, Rewinder rewinder) {
    this.partition = partition;
    this.ledger = ledger;
    this.rewinder = rewinder;
  }

  public TopicPartition partition() {
    return partition;
  }

  /**
   * Whether a record at {@code offset} is to be handled: not while waiting for a rewind (the rest of the batch
   * is dropped and delivered again) and not when it was handled already (Connect delivers offsets again after
   * it rewinds the consumer to the committed offset, while the open epoch still holds them).
   */
  public boolean accepts(long offset) {
    return !epoch.isAwaitingRewind() && offset > lastHandled;
  }

  /** Whether the record at {@code offset} was reported as errant by an earlier attempt of its epoch. */
  public boolean reportedBefore(long offset) {
    return reported.contains(offset);
  }

  public void markReported(long offset) {
    reported.add(offset);
  }

  public boolean isOpen() {
    return epoch.isOpen();
  }

  public long firstOffset() {
    return epoch.firstOffset();
  }

  public long lastOffset() {
    return epoch.lastOffset();
  }

  /** True while the epoch replays a cut recorded by an earlier attempt: the rotation policy is not consulted. */
  public boolean followsRecordedCut() {
    return epoch.isReplayingRecordedCut();
  }

  /** Whether the memory budget may cut this partition early (not while replaying a recorded cut). */
  public boolean canCutEarly() {
    return epoch.isOpen() && !epoch.isReplayingRecordedCut();
  }

  /** The replay jumped past the recorded cut (the record at the cut is gone): cut before {@code offset}. */
  public boolean recordedCutBefore(long offset) {
    return epoch.mustCutBefore(offset);
  }

  /** The replay reached the recorded cut with {@code offset}: cut after it. */
  public boolean recordedCutAfter(long offset) {
    return epoch.mustCutAfter(offset);
  }

  /** Steps 1 and 2: the first record of an epoch was written at {@code offset}; reads the recorded cut, if any. */
  public void opened(long offset) {
    Optional<EpochMarker> recorded = ledger == null ? Optional.empty() : ledger.recordedCut(partition, offset);
    if (recorded.isPresent()) {
      epoch.open(offset, recorded.get().lastOffset());
      recordedFiles = recorded.get().files();
    } else if (localCut != null && localCut.first() == offset) {
      epoch.open(offset, localCut.last());
      recordedFiles = localCut.files();
    } else {
      epoch.open(offset, -1);
      recordedFiles = List.of();
    }
  }

  /**
   * The spelling of a file's base key that the epoch's marker recorded, when it lists the same key in another
   * spelling of its path segments (an earlier version encoded {@code =} in partition values as itself, this one
   * as {@code %3D}): a replay across an upgrade then rewrites the same keys instead of failing or doubling.
   */
  public String recordedSpelling(String baseKey) {
    if (recordedFiles.isEmpty() || recordedFiles.contains(baseKey)) {
      return baseKey;
    }
    String decoded = decode(baseKey);
    for (String recorded : recordedFiles) {
      if (decode(recorded).equals(decoded)) {
        return recorded;
      }
    }
    return baseKey;
  }

  private static String decode(String key) {
    try {
      return java.net.URLDecoder.decode(key.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return key;
    }
  }

  /** A record of the open epoch was written. */
  public void appended(long offset) {
    epoch.appended(offset);
    lastHandled = offset;
  }

  /** A record that is not written (ignored null value, or reported as errant) still counts as handled. */
  public void skipped(long offset) {
    lastHandled = Math.max(lastHandled, offset);
    if (!epoch.isOpen() && !epoch.isAwaitingRewind()) {
      nextCommittable = Math.max(nextCommittable, offset + 1);
    }
  }

  /** The offset to commit: everything before it is durable or was skipped. -1 when nothing was handled. */
  public long committableOffset() {
    return epoch.isOpen() ? epoch.firstOffset() : nextCommittable;
  }

  /** The key a file takes: its base key, or the first variant not found holding other records. */
  public String keyFor(String baseKey, int maxVariant, IntFunction<String> variant) {
    String key = baseKey;
    for (int n = 1; takenKeys.contains(key); n++) {
      if (n > maxVariant) {
        throw new ConnectException("Every variant of " + baseKey + " up to ." + maxVariant
            + " holds other records; clean up the prefix before resuming " + partition);
      }
      key = variant.apply(n);
    }
    return key;
  }

  /**
   * Steps 3 and 5, at a cut of the open epoch whose files have the given base keys: a replay checks it writes
   * the files its marker lists; a first attempt records its cut unless another task recorded one first.
   *
   * @return true to publish the files; false when another cut was recorded first: the epoch is dropped and
   *     the partition is being rewound to replay that cut (the writer discards its sealed files)
   * @throws ConnectException when a replay would write files its marker does not list (the layout changed)
   */
  public boolean claim(List<String> baseKeys) {
    long first = epoch.firstOffset();
    long last = epoch.lastOffset();
    if (ledger == null) {
      return true;
    }
    if (epoch.isReplayingRecordedCut()) {
      checkRecordedFiles(baseKeys, first, last);
      return true;
    }
    Optional<EpochMarker> theirs = ledger.claim(partition, first, last, baseKeys);
    if (theirs.isPresent() && theirs.get().lastOffset() == last) {
      recordedFiles = theirs.get().files(); // another task claimed the same cut: it must be the same files
      checkRecordedFiles(baseKeys, first, last);
    }
    if (theirs.isPresent() && theirs.get().lastOffset() != last) {
      // Another task (a zombie, or this task's previous life) cut this epoch elsewhere: replay its cut.
      log.warn("Epoch {}@{} was already cut at {} by another task (this task would cut at {}); discarding {} files"
          + " and rewinding {} to offset {}", partition, first, theirs.get().lastOffset(), last, baseKeys.size(),
          partition, first);
      rewind(first);
      return false;
    }
    return true;
  }

  /**
   * Step 6 for an object that states only its first offset (a multipart object whose tags are missing): it
   * is this file when the epoch replays a marker that lists the key, since only attempts following that
   * marker complete uploads under it.
   */
  public boolean trustsUntagged(String key) {
    return (epoch.isReplayingRecordedCut() && recordedFiles.contains(key)) || publishedHere.contains(key);
  }

  /** Step 6: a file of the open epoch is durable under {@code key} (written now, or found holding it). */
  public void durable(String key) {
    publishedHere.add(key);
  }

  /**
   * Step 6 found {@code key} holding other records (markers missing or off, offsets reset): committing would
   * lose offsets. The epoch is replayed, and its file then takes the next variant key.
   */
  public void collided(List<String> keys, List<String> baseKeys) {
    takenKeys.addAll(keys);
    if (ledger == null) {
      // With markers, the marker holds this cut and the replay follows it; without, remember it here.
      localCut = new LocalCut(epoch.firstOffset(), epoch.lastOffset(), List.copyOf(baseKeys));
    }
    rewind(epoch.firstOffset());
  }

  /** Step 7: every file of the epoch is durable; its offsets become committable. */
  public void published() {
    nextCommittable = epoch.lastOffset() + 1;
    reported.headSet(nextCommittable).clear();
    takenKeys.clear();
    publishedHere.clear();
    localCut = null;
    epoch.close();
  }

  /** The cut failed (the task is failing) or the epoch is dropped (rebalance, stop): nothing was committed. */
  public void abandoned() {
    epoch.close();
  }

  /** The end of a batch from Connect: after a rewind request, the next batch starts at the rewound offset. */
  public void endBatch() {
    epoch.rewound();
  }

  private void rewind(long first) {
    epoch.awaitRewind();
    lastHandled = first - 1;
    rewinder.rewind(partition, first);
  }

  /**
   * A replay must write the files its marker lists. Another key means the layout changed since the marker was
   * written (partitioner, {@code path.format}, {@code topics.dir}, format): publishing would land the epoch's
   * records a second time under new keys. Fewer files are fine (compaction removed records of the epoch).
   */
  private void checkRecordedFiles(List<String> baseKeys, long first, long last) {
    Set<String> recorded = new HashSet<>(recordedFiles);
    List<String> unknown = baseKeys.stream().filter(k -> !recorded.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw new ConnectException("Epoch marker " + ledger.describe(partition, first) + " records the files "
          + recordedFiles + " for offsets " + first + "-" + last + ", but this run would write " + unknown
          + ". The data layout changed since that epoch was first written (partitioner.class,"
          + " partition.field.name, path.format, timezone, topics.dir or format.class); publishing would write"
          + " those records twice. Restore the earlier settings until the committed offset of " + partition
          + " passes " + last + ", or delete the marker to accept duplicates.");
    }
  }
}
