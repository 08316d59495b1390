package io.streamlake.connect.s3.source.plan;

import io.streamlake.connect.s3.source.config.S3SourceConfig;
import io.streamlake.connect.s3.source.listing.LakeFile;
import io.streamlake.connect.s3.source.listing.LakeKeys;
import io.streamlake.connect.s3.source.listing.SourcePair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Turns a listing of {@code topics.dir} into what to replay: the data files of each original topic-partition
 * that pass the filters ({@code replay.topics}, {@code replay.partitions}, {@code replay.time.from/to}), each
 * with its side files, in replay order. Epoch markers, unknown objects and side files without a data file are
 * left out. Used by the connector (which pairs exist) and by each task (the files of its pairs).
 */
public final class ReplayPlanner {

  private final LakeKeys keys;
  private final Set<String> topics;
  private final Set<Integer> partitions;
  private final Optional<TimeBuckets> buckets;
  private final Optional<Instant> from;
  private final Optional<Instant> to;

  public ReplayPlanner(LakeKeys keys, Set<String> topics, Set<Integer> partitions, Optional<TimeBuckets> buckets,
      Optional<Instant> from, Optional<Instant> to) {
    this.keys = keys;
    this.topics = Set.copyOf(topics);
    this.partitions = Set.copyOf(partitions);
    this.buckets = buckets;
    this.from = from;
    this.to = to;
  }

  /** The planner of a source configuration. */
  public static ReplayPlanner of(S3SourceConfig config) {
    Optional<TimeBuckets> buckets = config.filtersTime()
        ? Optional.of(new TimeBuckets(config.effectivePathFormat(), config.effectivePartitionDuration(),
            config.zone(), config.locale()))
        : Optional.empty();
    return new ReplayPlanner(new LakeKeys(config.topicsDir()), config.replayTopics(), config.replayPartitions(),
        buckets, config.timeFrom(), config.timeTo());
  }

  public LakeKeys keys() {
    return keys;
  }

  /**
   * The plan of every original topic-partition with at least one file to replay, ordered by topic and partition.
   *
   * @throws ConnectException when a time filter is set and a file's path has no time bucket of path.format
   */
  public Map<SourcePair, PairPlan> plan(List<String> listing) {
    Map<String, LakeFile> sideFiles = new HashMap<>();
    List<LakeFile> data = new ArrayList<>();
    for (String key : listing) {
      Optional<LakeFile> parsed = keys.parse(key);
      if (parsed.isEmpty() || !wanted(parsed.get())) {
        continue;
      }
      LakeFile file = parsed.get();
      if (file.kind() == LakeFile.Kind.DATA) {
        data.add(file);
      } else {
        sideFiles.put(file.kind() + " " + file.base(), file);
      }
    }
    Map<SourcePair, List<PlannedFile>> byPair = new TreeMap<>(SourcePair.ORDER);
    data.sort(Comparator.comparing(LakeFile::pair, SourcePair.ORDER).thenComparing(LakeFile.ORDER));
    for (LakeFile file : data) {
      if (!inTimeRange(file)) {
        continue;
      }
      byPair.computeIfAbsent(file.pair(), pair -> new ArrayList<>()).add(new PlannedFile(file,
          Optional.ofNullable(sideFiles.get(LakeFile.Kind.KEYS + " " + file.base())),
          Optional.ofNullable(sideFiles.get(LakeFile.Kind.HEADERS + " " + file.base()))));
    }
    Map<SourcePair, PairPlan> plans = new TreeMap<>(SourcePair.ORDER);
    byPair.forEach((pair, files) -> plans.put(pair, new PairPlan(pair, files)));
    return plans;
  }

  private boolean wanted(LakeFile file) {
    return (topics.isEmpty() || topics.contains(file.topic()))
        && (partitions.isEmpty() || partitions.contains(file.partition()));
  }

  private boolean inTimeRange(LakeFile file) {
    if (buckets.isEmpty()) {
      return true;
    }
    try {
      return buckets.get().bucket(file.encodedPartition()).overlaps(from, to);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("Cannot apply " + S3SourceConfig.REPLAY_TIME_FROM_CONFIG + "/"
          + S3SourceConfig.REPLAY_TIME_TO_CONFIG + " to " + file.key() + ": " + e.getMessage() + ". Set "
          + S3SourceConfig.PATH_FORMAT_CONFIG + ", " + S3SourceConfig.PARTITIONER_CLASS_CONFIG + ", "
          + S3SourceConfig.TIMEZONE_CONFIG + " and " + S3SourceConfig.LOCALE_CONFIG + " as the sink had them", e);
    }
  }
}
