package io.streamlake.connect.s3.epoch;

import io.streamlake.connect.s3.storage.ObjectStore;
import java.time.Clock;
import org.apache.kafka.common.TopicPartition;

/** Makes the {@link EpochCoordinator} of each topic-partition of a task, with or without markers. */
public final class Epochs {

  private final EpochLedger ledger;
  private final EpochCoordinator.Rewinder rewinder;

  private Epochs(EpochLedger ledger, EpochCoordinator.Rewinder rewinder) {
    this.ledger = ledger;
    this.rewinder = rewinder;
  }

  /** Exactly once: markers under {@code <topicsDirPrefix>_epochs/}, {@code writerId} named in each. */
  public static Epochs withMarkers(ObjectStore store, String topicsDirPrefix, String writerId, Clock clock,
      EpochCoordinator.Rewinder rewinder) {
    return new Epochs(new EpochLedger(store, topicsDirPrefix, writerId, clock), rewinder);
  }

  /** At least once ({@code exactly.once.enabled=false}): no markers; key collisions are still detected. */
  public static Epochs withoutMarkers(EpochCoordinator.Rewinder rewinder) {
    return new Epochs(null, rewinder);
  }

  public EpochCoordinator coordinator(TopicPartition partition) {
    return new EpochCoordinator(partition, ledger, rewinder);
  }
}
