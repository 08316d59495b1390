package io.streamlake.connect.s3.source;

import io.streamlake.common.Version;
import io.streamlake.connect.s3.source.config.S3SourceConfig;
import io.streamlake.connect.s3.source.listing.LakeStores;
import io.streamlake.connect.s3.source.listing.SourcePair;
import io.streamlake.connect.s3.source.task.Downloads;
import io.streamlake.connect.s3.source.task.ReplayReaders;
import io.streamlake.connect.s3.source.task.ReplayTasks;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Replays the files of its original topic-partitions (assigned by {@link S3SourceConnector}) into Kafka. When
 * everything is replayed, {@code poll} waits about a second per call and returns null; {@link #stop()} ends that
 * wait at once. Resources are released by whichever of {@code poll} and {@code stop} runs last.
 */
public final class S3SourceTask extends SourceTask {

  private static final long IDLE_WAIT_MS = 1000;

  private final LakeStores stores;
  private final Supplier<ReplayReaders> readers;
  private final long idleWaitMs;
  private final ReentrantLock polling = new ReentrantLock();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private LakeStores.Handle handle;
  private ReplayTasks replay;

  public S3SourceTask() {
    this(LakeStores.S3, ReplayReaders::load, IDLE_WAIT_MS);
  }

  S3SourceTask(LakeStores stores, Supplier<ReplayReaders> readers, long idleWaitMs) {
    this.stores = stores;
    this.readers = readers;
    this.idleWaitMs = idleWaitMs;
  }

  @Override
  public String version() {
    return Version.of(getClass());
  }

  @Override
  public void start(Map<String, String> props) {
    S3SourceConfig config = new S3SourceConfig(props);
    Set<SourcePair> pairs = new LinkedHashSet<>();
    for (String wire : list(props.get(ReplayTasks.PAIRS_CONFIG))) {
      pairs.add(SourcePair.parse(ReplayTasks.PAIRS_CONFIG, wire));
    }
    handle = stores.open(config);
    Downloads downloads = null;
    try {
      downloads = Downloads.inTempDir(handle.store());
      replay = ReplayTasks.start(config, handle.store(), readers.get(), pairs, list(props.get(
          ReplayTasks.PREFIXES_CONFIG)), context == null ? null : context.offsetStorageReader(), downloads);
    } catch (RuntimeException e) {
      if (downloads != null) {
        downloads.close();
      }
      release();
      throw e;
    }
  }

  private static List<String> list(String text) {
    return text == null || text.isBlank() ? List.of() : List.of(text.split(","));
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    polling.lock();
    try {
      if (stopping || replay == null) {
        release();
        return null;
      }
      List<SourceRecord> records = replay.poll(() -> stopping);
      if (stopping) {
        release();
      }
      if (!records.isEmpty()) {
        return records;
      }
      if (!stopping) {
        stopped.await(idleWaitMs, TimeUnit.MILLISECONDS);
      }
      if (stopping) {
        release();
      }
      return null;
    } finally {
      polling.unlock();
    }
  }

  @Override
  public void stop() {
    stopping = true;
    stopped.countDown();
    if (polling.tryLock()) {
      try {
        release();
      } finally {
        polling.unlock();
      }
    }
  }

  private void release() {
    if (replay != null) {
      replay.close();
      replay = null;
    }
    if (handle != null) {
      handle.close();
      handle = null;
    }
  }
}
