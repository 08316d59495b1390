package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.config.S3SourceConfig;
import io.streamlake.connect.s3.source.config.TopicMapping;
import io.streamlake.connect.s3.source.listing.LakeStore;
import io.streamlake.connect.s3.source.listing.SourcePair;
import io.streamlake.connect.s3.source.plan.PairPlan;
import io.streamlake.connect.s3.source.plan.ReplayPlanner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one task replays: lists the prefixes of its pairs once, plans their files, reads the committed source
 * offsets and sets up one replay per pair (envelope merge or plain file order), served round robin.
 */
public final class ReplayTasks implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayTasks.class);

  /** Task config: the pairs of the task, {@code topic+partition} comma-separated. */
  public static final String PAIRS_CONFIG = "replay.task.pairs";
  /** Task config: the prefixes to list (topic directories holding the pairs' files), comma-separated. */
  public static final String PREFIXES_CONFIG = "replay.task.prefixes";

  private final ReplayLoop loop;
  private final Downloads downloads;

  private ReplayTasks(ReplayLoop loop, Downloads downloads) {
    this.loop = loop;
    this.downloads = downloads;
  }

  /**
   * Sets up the replay of {@code pairs}; the offsets the task committed earlier are read from {@code offsets}.
   */
  public static ReplayTasks start(S3SourceConfig config, LakeStore store, ReplayReaders readers,
      Set<SourcePair> pairs, Collection<String> prefixes, OffsetStorageReader offsets, Downloads downloads) {
    ReplayPlanner planner = ReplayPlanner.of(config);
    List<String> listing = new ArrayList<>();
    for (String prefix : prefixes) {
      listing.addAll(store.list(prefix));
    }
    Map<SourcePair, PairPlan> plans = planner.plan(listing);
    List<Map<String, Object>> partitions = new ArrayList<>();
    pairs.forEach(pair -> partitions.add(ReplayOffsets.sourcePartition(pair)));
    Map<Map<String, Object>, Map<String, Object>> committed = offsets == null ? Map.of()
        : new HashMap<>(offsets.offsets(partitions));
    TopicMapping mapping = config.topicMapping();
    ReplaySources sources = new ReplaySources(store, downloads, readers, config.envelope());
    List<PairReplay> replays = new ArrayList<>();
    for (SourcePair pair : pairs) {
      PairPlan plan = plans.getOrDefault(pair, new PairPlan(pair, List.of()));
      Map<String, Object> stored = committed.get(ReplayOffsets.sourcePartition(pair));
      String target = mapping.target(pair.topic());
      replays.add(config.envelope()
          ? new EnvelopeReplay(plan, sources, target, ReplayOffsets.envelopeResume(pair, stored))
          : new PlainReplay(plan, sources, target, planner.keys(), ReplayOffsets.plainResume(pair, stored)));
      LOG.info("{}: {} files to replay into {} (committed source offset {})", pair, plan.files().size(), target,
          stored == null ? "none" : stored);
    }
    return new ReplayTasks(new ReplayLoop(replays, mapping, config.batchMaxRecords()), downloads);
  }

  /** The next batch (empty when everything is replayed or the task is stopping). */
  public List<SourceRecord> poll(BooleanSupplier stopping) {
    return loop.poll(stopping);
  }

  public boolean done() {
    return loop.done();
  }

  /** Closes open files and deletes the downloads directory. */
  @Override
  public void close() {
    try {
      loop.close();
    } finally {
      downloads.close();
    }
  }
}
