package io.streamlake.connect.s3.epoch;

import io.streamlake.connect.s3.path.PathSegments;
import io.streamlake.connect.s3.storage.ObjectStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where epoch markers live: {@code <topics.dir>/_epochs/<topic>/<partition>/<first offset>.json}. The
 * leading underscore keeps them out of Hive/Athena/Glue tables over {@code <topics.dir>/<topic>/}. Markers
 * are never overwritten ({@code If-None-Match: *}) and never deleted by the task, since a zombie task may
 * still start an old epoch; a bucket lifecycle rule on the prefix expires them (deploy/ ships one).
 */
final class EpochLedger {

  private static final Logger log = LoggerFactory.getLogger(EpochLedger.class);

  private final ObjectStore store;
  private final String prefix;
  private final String writerId;
  private final Clock clock;

  EpochLedger(ObjectStore store, String topicsDirPrefix, String writerId, Clock clock) {
    this.store = store;
    this.prefix = topicsDirPrefix + "_epochs/";
    this.writerId = writerId;
    this.clock = clock;
  }

  String key(TopicPartition partition, long firstOffset) {
    return prefix + PathSegments.encode(partition.topic()) + "/" + partition.partition() + "/"
        + String.format("%019d", firstOffset) + ".json";
  }

  /**
   * Protocol step 2: the cut recorded for an epoch starting at {@code firstOffset}, if a task already made one.
   *
   * @throws ConnectException when the marker cannot be read or describes another epoch (naming its key)
   */
  Optional<EpochMarker> recordedCut(TopicPartition partition, long firstOffset) {
    String key = key(partition, firstOffset);
    Optional<EpochMarker> cut = store.get(key).map(bytes -> EpochMarker.fromJson(bytes, key)).map(marker -> {
      if (!marker.topic().equals(partition.topic()) || marker.partition() != partition.partition()
          || marker.firstOffset() != firstOffset) {
        throw new ConnectException("Epoch marker s3://" + store.bucket() + "/" + key + " describes "
            + marker.topic() + "-" + marker.partition() + "@" + marker.firstOffset() + ", not " + partition + "@"
            + firstOffset + "; it was not written by this sink for this partition");
      }
      return marker;
    });
    cut.ifPresent(marker -> log.info("Epoch {}@{} was cut before at offset {} (marker {}); replaying that cut",
        partition, firstOffset, marker.lastOffset(), key));
    return cut;
  }

  /** The key of the marker of an epoch, for messages. */
  String describe(TopicPartition partition, long firstOffset) {
    return "s3://" + store.bucket() + "/" + key(partition, firstOffset);
  }

  /**
   * Protocol step 3: records this task's cut unless another task recorded one first.
   *
   * @return empty when the claim succeeded, or the cut another task recorded
   */
  Optional<EpochMarker> claim(TopicPartition partition, long firstOffset, long lastOffset, List<String> files) {
    String key = key(partition, firstOffset);
    EpochMarker marker = new EpochMarker(partition.topic(), partition.partition(), firstOffset, lastOffset, files,
        clock.millis(), writerId);
    if (store.putIfAbsent(key, marker.toJson(), ObjectStore.ObjectOptions.NONE)) {
      log.debug("Recorded cut {}@{}-{} in {}", partition, firstOffset, lastOffset, key);
      return Optional.empty();
    }
    Optional<EpochMarker> theirs = recordedCut(partition, firstOffset);
    if (theirs.isEmpty()) {
      throw new ConnectException("Epoch marker s3://" + store.bucket() + "/" + key
          + " exists (the conditional write was refused) but cannot be read back");
    }
    return theirs;
  }
}
