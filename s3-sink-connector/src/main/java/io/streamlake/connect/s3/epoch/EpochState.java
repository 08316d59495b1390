package io.streamlake.connect.s3.epoch;

/**
 * Where one topic-partition stands in the exactly-once protocol. Holds state only; the writer acts on it.
 *
 * <ul>
 *   <li>No epoch open: the next written record {@code r} opens one (step 1) and the ledger is asked for a
 *       recorded cut at {@code r} (step 2).
 *   <li>Replaying: a cut {@code e'} was recorded: the epoch ends exactly at {@code e'}, whatever the rotation
 *       policy says; if offsets jump past {@code e'} (compaction, transaction markers), it ends before the jump.
 *   <li>Awaiting rewind: another task recorded a different cut first (step 3 lost): the epoch was
 *       discarded, the consumer was asked to seek back to {@code r}, and records of the current batch are
 *       dropped until the replay starts.
 * </ul>
 */
final class EpochState {

  private static final long NONE = -1;

  private long firstOffset = NONE;
  private long lastOffset = NONE;
  private long recordedCut = NONE;
  private boolean awaitingRewind;

  /** Step 1 and 2: opens an epoch at its first written record, with the cut a previous attempt recorded, if any. */
  void open(long first, long recordedCutOrNegative) {
    firstOffset = first;
    lastOffset = first;
    recordedCut = recordedCutOrNegative;
  }

  void appended(long offset) {
    lastOffset = offset;
  }

  boolean isOpen() {
    return firstOffset != NONE;
  }

  /** True when this epoch replays a cut recorded by an earlier attempt: the rotation policy is not consulted. */
  boolean isReplayingRecordedCut() {
    return isOpen() && recordedCut != NONE;
  }

  /** Replay reached the recorded cut with this record. */
  boolean mustCutAfter(long offset) {
    return isReplayingRecordedCut() && offset >= recordedCut;
  }

  /** Replay jumped past the recorded cut (the record at the cut is gone): cut before this record. */
  boolean mustCutBefore(long offset) {
    return isReplayingRecordedCut() && offset > recordedCut;
  }

  long firstOffset() {
    return firstOffset;
  }

  long lastOffset() {
    return lastOffset;
  }

  /** Step 3 lost: the epoch is discarded and the rest of the current batch must be dropped. */
  void awaitRewind() {
    close();
    awaitingRewind = true;
  }

  boolean isAwaitingRewind() {
    return awaitingRewind;
  }

  /** A new batch arrives after the consumer was repositioned. */
  void rewound() {
    awaitingRewind = false;
  }

  /** The epoch ended (cut and committed, or discarded). */
  void close() {
    firstOffset = NONE;
    lastOffset = NONE;
    recordedCut = NONE;
  }
}
