package io.streamlake.connect.s3.source;

import io.streamlake.common.Version;
import io.streamlake.common.config.ConfigProblems;
import io.streamlake.common.config.UnknownOptions;
import io.streamlake.connect.s3.source.config.S3SourceConfig;
import io.streamlake.connect.s3.source.listing.LakeKeys;
import io.streamlake.connect.s3.source.listing.LakeStores;
import io.streamlake.connect.s3.source.listing.SourcePair;
import io.streamlake.connect.s3.source.plan.Assignment;
import io.streamlake.connect.s3.source.plan.PairPlan;
import io.streamlake.connect.s3.source.plan.PlannedFile;
import io.streamlake.connect.s3.source.plan.ReplayPlanner;
import io.streamlake.connect.s3.source.task.ReplayTasks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays what the S3 sink wrote under {@code topics.dir} into Kafka: each original topic-partition in offset
 * order, to the same (or a mapped) topic and the same partition, with the original timestamp, key and headers.
 * Lists the prefix once when it starts, finds the original topic-partitions in the file names, applies the
 * filters and spreads the pairs over the tasks round robin. With no file to replay it starts no task.
 */
public final class S3SourceConnector extends SourceConnector {

  private static final Logger LOG = LoggerFactory.getLogger(S3SourceConnector.class);

  private final LakeStores stores;
  private Map<String, String> props;
  private List<SourcePair> pairs = List.of();
  private Map<SourcePair, Set<String>> prefixes = Map.of();

  public S3SourceConnector() {
    this(LakeStores.S3);
  }

  S3SourceConnector(LakeStores stores) {
    this.stores = stores;
  }

  @Override
  public void start(Map<String, String> props) {
    S3SourceConfig config = new S3SourceConfig(props);
    UnknownOptions.warn(LOG, "S3SourceConnector", S3SourceConfig.CONFIG_DEF, props);
    ReplayPlanner planner = ReplayPlanner.of(config);
    LakeKeys keys = planner.keys();
    Map<SourcePair, PairPlan> plans;
    String bucket;
    try (LakeStores.Handle handle = stores.open(config)) {
      bucket = handle.store().bucket();
      plans = planner.plan(handle.store().list(keys.prefix()));
    }
    this.props = Map.copyOf(props);
    this.pairs = new ArrayList<>(plans.keySet());
    Map<SourcePair, Set<String>> dirs = new HashMap<>();
    long files = 0;
    for (PairPlan plan : plans.values()) {
      for (PlannedFile file : plan.files()) {
        dirs.computeIfAbsent(plan.pair(), pair -> new TreeSet<>()).add(keys.topicPrefix(file.key()));
      }
      files += plan.files().size();
    }
    this.prefixes = dirs;
    if (pairs.isEmpty()) {
      LOG.warn("No file to replay under s3://{}/{} (replay.topics={}, replay.partitions={}, replay.time.from={},"
          + " replay.time.to={}): the connector starts no task", bucket, keys.prefix(), config.replayTopics(),
          config.replayPartitions(), config.timeFrom().map(Object::toString).orElse(""),
          config.timeTo().map(Object::toString).orElse(""));
    } else {
      LOG.info("Found {} files of {} original topic-partitions to replay under s3://{}/{}: {}", files, pairs.size(),
          bucket, keys.prefix(), pairs);
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return S3SourceTask.class;
  }

  /** One config per task, each with its pairs (round robin) and the topic directories to list; none when no pair. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<SourcePair> assigned : Assignment.roundRobin(pairs, maxTasks)) {
      Map<String, String> config = new HashMap<>(props);
      List<String> wires = new ArrayList<>();
      Set<String> dirs = new TreeSet<>();
      for (SourcePair pair : assigned) {
        wires.add(pair.wire());
        dirs.addAll(prefixes.getOrDefault(pair, Set.of()));
      }
      config.put(ReplayTasks.PAIRS_CONFIG, String.join(",", wires));
      config.put(ReplayTasks.PREFIXES_CONFIG, String.join(",", dirs));
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {
    // nothing to release: the listing's client is closed after start
  }

  @Override
  public ConfigDef config() {
    return S3SourceConfig.CONFIG_DEF;
  }

  /** Single-key validation from the ConfigDef, then the multi-key rules, each attached to every key it names. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    if (!ConfigProblems.hasErrors(config)) {
      ConfigProblems.attach(config, S3SourceConfig.validate(connectorConfigs));
    }
    return config;
  }

  /** Exactly once with KIP-618: offsets and records are committed in one transaction per poll batch. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /** Transaction boundaries are Connect's (transaction.boundary=poll, the default, or interval). */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }

  @Override
  public String version() {
    return Version.of(getClass());
  }
}
