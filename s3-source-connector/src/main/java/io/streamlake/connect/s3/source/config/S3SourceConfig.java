package io.streamlake.connect.s3.source.config;

import io.streamlake.common.aws.AwsCredentialsConfig;
import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.config.Choices;
import io.streamlake.common.config.ConfigProblem;
import io.streamlake.common.config.ConfigProblems;
import io.streamlake.connect.s3.config.PartitionerKind;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.config.PathValidators;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every option of the S3 source connector: the single source of truth for validation, defaults and the README
 * table. S3 and layout keys are spelled, and mean, what they mean for the S3 sink, so the sink's connector JSON
 * gives most of them. Rules that span several keys live in {@link #validate} and name every key involved.
 */
public final class S3SourceConfig extends AbstractConfig {

  private static final String GROUP_S3 = "S3";
  private static final String GROUP_RETRY = "Retries";
  private static final String GROUP_LAYOUT = "Layout of the files (as the sink had it)";
  private static final String GROUP_REPLAY = "Replay";

  public static final String S3_BUCKET_CONFIG = S3SinkConfig.S3_BUCKET_CONFIG;
  private static final String S3_BUCKET_DOC = "The S3 bucket the sink wrote to.";

  public static final String S3_REGION_CONFIG = S3SinkConfig.S3_REGION_CONFIG;
  public static final String S3_REGION_DEFAULT = S3SinkConfig.S3_REGION_DEFAULT;
  private static final String S3_REGION_DOC = "AWS region of the bucket.";

  public static final String STORE_URL_CONFIG = S3SinkConfig.STORE_URL_CONFIG;
  private static final String STORE_URL_DOC = "Custom S3 endpoint (an S3-compatible store, a VPC endpoint, a"
      + " local test server). Empty means the AWS endpoint of s3.region.";

  public static final String PATH_STYLE_CONFIG = S3SinkConfig.PATH_STYLE_CONFIG;
  public static final boolean PATH_STYLE_DEFAULT = S3SinkConfig.PATH_STYLE_DEFAULT;
  private static final String PATH_STYLE_DOC = "Use path-style requests (endpoint/bucket/key) instead of"
      + " virtual-hosted-style (bucket.endpoint/key).";

  public static final String TOPICS_DIR_CONFIG = S3SinkConfig.TOPICS_DIR_CONFIG;
  public static final String TOPICS_DIR_DEFAULT = S3SinkConfig.TOPICS_DIR_DEFAULT;
  private static final String TOPICS_DIR_DOC = "Prefix the sink wrote under:"
      + " <topics.dir>/<topic>/<encoded partition>/<topic>+<kafkaPartition>+<startOffset>.<ext>.";

  public static final String STS_SESSION_NAME_DEFAULT = "streamlake-s3-source";
  /** Confluent's prefix for the credentials aliases, as the sink accepts them. */
  public static final String CONFLUENT_CREDENTIALS_PREFIX = "s3.credentials.provider.";
  static final AwsCredentialsConfig CREDENTIALS =
      AwsCredentialsConfig.withAliases(STS_SESSION_NAME_DEFAULT, CONFLUENT_CREDENTIALS_PREFIX);

  public static final String RETRY_BACKOFF_CONFIG = S3SinkConfig.RETRY_BACKOFF_CONFIG;
  public static final long RETRY_BACKOFF_DEFAULT = S3SinkConfig.RETRY_BACKOFF_DEFAULT;
  private static final String RETRY_BACKOFF_DOC = "First wait before retrying a failed S3 call; doubles per"
      + " attempt (with jitter) up to s3.retry.max.backoff.ms.";

  public static final String RETRY_MAX_BACKOFF_CONFIG = S3SinkConfig.RETRY_MAX_BACKOFF_CONFIG;
  public static final long RETRY_MAX_BACKOFF_DEFAULT = S3SinkConfig.RETRY_MAX_BACKOFF_DEFAULT;
  private static final String RETRY_MAX_BACKOFF_DOC = "Longest wait between two attempts of an S3 call.";

  public static final String RETRY_DEADLINE_CONFIG = S3SinkConfig.RETRY_DEADLINE_CONFIG;
  public static final long RETRY_DEADLINE_DEFAULT = S3SinkConfig.RETRY_DEADLINE_DEFAULT;
  private static final String RETRY_DEADLINE_DOC = "How long transient S3 failures (throttling, 5xx, timeouts)"
      + " are retried before the task fails; each retry logs a WARN with the cause.";

  public static final String S3_REQUEST_TIMEOUT_CONFIG = S3SinkConfig.S3_REQUEST_TIMEOUT_CONFIG;
  public static final long S3_REQUEST_TIMEOUT_DEFAULT = S3SinkConfig.S3_REQUEST_TIMEOUT_DEFAULT;
  private static final String S3_REQUEST_TIMEOUT_DOC = "Timeout of one S3 request attempt (a download of a large"
      + " file included).";

  public static final String ENVELOPE_CONFIG = "store.envelope";
  public static final boolean ENVELOPE_DEFAULT = false;
  private static final String ENVELOPE_DOC = "Whether the files hold envelope rows (key, value, headers, topic,"
      + " partition, offset, timestamp), as the sink's store.envelope wrote them. Envelope files are replayed in"
      + " offset order and duplicates in the lake are replayed once; plain files in file order.";

  public static final String PARTITIONER_CLASS_CONFIG = S3SinkConfig.PARTITIONER_CLASS_CONFIG;
  private static final String PARTITIONER_CLASS_DOC = "The sink's partitioner.class, needed only for"
      + " replay.time.from/to: hourly and daily imply their path.format; time and field-time read path.format;"
      + " empty means time when path.format is set. Confluent's class names are accepted.";

  public static final String PATH_FORMAT_CONFIG = S3SinkConfig.PATH_FORMAT_CONFIG;
  private static final String PATH_FORMAT_DOC = "The sink's path.format (Joda pattern, e.g."
      + " 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH): the time bucket of a file is read from the last segments of"
      + " its encoded partition. Needed for replay.time.from/to.";

  public static final String PARTITION_DURATION_CONFIG = S3SinkConfig.PARTITION_DURATION_CONFIG;
  public static final long PARTITION_DURATION_DEFAULT = -1L;
  private static final String PARTITION_DURATION_DOC = "The sink's partition.duration.ms: the width of a time"
      + " bucket. -1 means the finest field of path.format (an hour for HH).";

  public static final String TIMEZONE_CONFIG = S3SinkConfig.TIMEZONE_CONFIG;
  private static final String TIMEZONE_DOC = "The sink's timezone, needed for replay.time.from/to (the JVM"
      + " default is never used).";

  public static final String LOCALE_CONFIG = S3SinkConfig.LOCALE_CONFIG;
  public static final String LOCALE_DEFAULT = S3SinkConfig.LOCALE_DEFAULT;
  private static final String LOCALE_DOC = "The sink's locale (month or day names in path.format).";

  public static final String REPLAY_TOPICS_CONFIG = "replay.topics";
  private static final String REPLAY_TOPICS_DOC = "Original topics to replay (the topic in the file names);"
      + " empty replays every topic found under topics.dir.";

  public static final String REPLAY_PARTITIONS_CONFIG = "replay.partitions";
  private static final String REPLAY_PARTITIONS_DOC = "Original partitions to replay; empty replays all.";

  public static final String REPLAY_TIME_FROM_CONFIG = "replay.time.from";
  private static final String REPLAY_TIME_FROM_DOC = "ISO-8601 instant (2026-12-31T00:00:00Z), inclusive: only"
      + " files whose time bucket (from their path) ends after it are replayed. Needs path.format (or an hourly or"
      + " daily partitioner.class) and timezone.";

  public static final String REPLAY_TIME_TO_CONFIG = "replay.time.to";
  private static final String REPLAY_TIME_TO_DOC = "ISO-8601 instant, exclusive: only files whose time bucket"
      + " starts before it are replayed. Same needs as replay.time.from.";

  public static final String REPLAY_TOPIC_MAPPING_CONFIG = "replay.topic.mapping";
  private static final String REPLAY_TOPIC_MAPPING_DOC = "Target topics: src:dst,src2:dst2. Unmapped topics keep"
      + " their name. The target topic must exist with at least as many partitions as the original.";

  public static final String REPLAY_BATCH_CONFIG = "replay.batch.max.records";
  public static final int REPLAY_BATCH_DEFAULT = 1000;
  private static final String REPLAY_BATCH_DOC = "Records returned by one poll (with exactly-once source support"
      + " one poll is one transaction), shared round robin among the task's partitions.";

  public static final ConfigDef CONFIG_DEF = newConfigDef();

  private final CredentialSettings credentials;
  private final List<ConfigProblem> problems;

  /**
   * Parses and checks every rule.
   *
   * @throws ConfigException for a single-key problem, or one listing every multi-key problem with its keys
   */
  public S3SourceConfig(Map<String, ?> props) {
    this(props, true);
    ConfigException problem = ConfigProblems.toException(problems);
    if (problem != null) {
      throw problem;
    }
  }

  private S3SourceConfig(Map<String, ?> props, boolean log) {
    super(CONFIG_DEF, props, log);
    ConfigProblems found = new ConfigProblems();
    this.credentials = CREDENTIALS.resolve(this, found);
    crossKeyProblems(found);
    this.problems = found.list();
  }

  /**
   * The rules that span several keys, each with every key involved (for the connector's {@code validate});
   * assumes single-key validation passed.
   */
  public static List<ConfigProblem> validate(Map<String, String> props) {
    return new S3SourceConfig(props, false).problems;
  }

  private static ConfigDef newConfigDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(S3_BUCKET_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
        Importance.HIGH, S3_BUCKET_DOC, GROUP_S3, ++order, Width.LONG, "Bucket");
    def.define(S3_REGION_CONFIG, Type.STRING, S3_REGION_DEFAULT, new ConfigDef.NonEmptyString(),
        Importance.MEDIUM, S3_REGION_DOC, GROUP_S3, ++order, Width.SHORT, "Region");
    def.define(STORE_URL_CONFIG, Type.STRING, "", Importance.LOW, STORE_URL_DOC, GROUP_S3, ++order,
        Width.LONG, "Endpoint");
    def.define(PATH_STYLE_CONFIG, Type.BOOLEAN, PATH_STYLE_DEFAULT, Importance.LOW, PATH_STYLE_DOC, GROUP_S3,
        ++order, Width.SHORT, "Path-style access");
    def.define(TOPICS_DIR_CONFIG, Type.STRING, TOPICS_DIR_DEFAULT, Importance.MEDIUM, TOPICS_DIR_DOC, GROUP_S3,
        ++order, Width.MEDIUM, "Topics directory");
    CREDENTIALS.define(def, GROUP_S3, order);

    order = 0;
    def.define(RETRY_BACKOFF_CONFIG, Type.LONG, RETRY_BACKOFF_DEFAULT, Range.atLeast(1), Importance.LOW,
        RETRY_BACKOFF_DOC, GROUP_RETRY, ++order, Width.SHORT, "Back-off");
    def.define(RETRY_MAX_BACKOFF_CONFIG, Type.LONG, RETRY_MAX_BACKOFF_DEFAULT, Range.atLeast(1),
        Importance.LOW, RETRY_MAX_BACKOFF_DOC, GROUP_RETRY, ++order, Width.SHORT, "Max back-off");
    def.define(RETRY_DEADLINE_CONFIG, Type.LONG, RETRY_DEADLINE_DEFAULT, Range.atLeast(0), Importance.LOW,
        RETRY_DEADLINE_DOC, GROUP_RETRY, ++order, Width.SHORT, "Retry deadline");
    def.define(S3_REQUEST_TIMEOUT_CONFIG, Type.LONG, S3_REQUEST_TIMEOUT_DEFAULT, Range.atLeast(100),
        Importance.LOW, S3_REQUEST_TIMEOUT_DOC, GROUP_RETRY, ++order, Width.SHORT, "Request timeout");

    order = 0;
    def.define(ENVELOPE_CONFIG, Type.BOOLEAN, ENVELOPE_DEFAULT, Importance.HIGH, ENVELOPE_DOC, GROUP_LAYOUT,
        ++order, Width.SHORT, "Envelope rows");
    def.define(PARTITIONER_CLASS_CONFIG, Type.STRING, "", Choices.validatorAllowingBlank(PartitionerKind.class),
        Importance.LOW, PARTITIONER_CLASS_DOC, GROUP_LAYOUT, ++order, Width.LONG, "Partitioner",
        Choices.recommender(PartitionerKind.class));
    def.define(PATH_FORMAT_CONFIG, Type.STRING, "", PathValidators.pathFormat(), Importance.MEDIUM,
        PATH_FORMAT_DOC, GROUP_LAYOUT, ++order, Width.LONG, "Path format");
    def.define(PARTITION_DURATION_CONFIG, Type.LONG, PARTITION_DURATION_DEFAULT, new DurationValidator(),
        Importance.LOW, PARTITION_DURATION_DOC, GROUP_LAYOUT, ++order, Width.SHORT, "Partition duration");
    def.define(TIMEZONE_CONFIG, Type.STRING, "", PathValidators.timezone(), Importance.MEDIUM, TIMEZONE_DOC,
        GROUP_LAYOUT, ++order, Width.SHORT, "Timezone");
    def.define(LOCALE_CONFIG, Type.STRING, LOCALE_DEFAULT, PathValidators.locale(), Importance.LOW, LOCALE_DOC,
        GROUP_LAYOUT, ++order, Width.SHORT, "Locale");

    order = 0;
    def.define(REPLAY_TOPICS_CONFIG, Type.LIST, "", Importance.HIGH, REPLAY_TOPICS_DOC, GROUP_REPLAY, ++order,
        Width.LONG, "Topics");
    def.define(REPLAY_PARTITIONS_CONFIG, Type.LIST, "", new PartitionsValidator(), Importance.MEDIUM,
        REPLAY_PARTITIONS_DOC, GROUP_REPLAY, ++order, Width.MEDIUM, "Partitions");
    def.define(REPLAY_TIME_FROM_CONFIG, Type.STRING, "", new InstantValidator(), Importance.MEDIUM,
        REPLAY_TIME_FROM_DOC, GROUP_REPLAY, ++order, Width.MEDIUM, "From (inclusive)");
    def.define(REPLAY_TIME_TO_CONFIG, Type.STRING, "", new InstantValidator(), Importance.MEDIUM,
        REPLAY_TIME_TO_DOC, GROUP_REPLAY, ++order, Width.MEDIUM, "To (exclusive)");
    def.define(REPLAY_TOPIC_MAPPING_CONFIG, Type.LIST, "", TopicMapping.validator(), Importance.HIGH,
        REPLAY_TOPIC_MAPPING_DOC, GROUP_REPLAY, ++order, Width.LONG, "Topic mapping");
    def.define(REPLAY_BATCH_CONFIG, Type.INT, REPLAY_BATCH_DEFAULT, Range.between(1, 1_000_000), Importance.LOW,
        REPLAY_BATCH_DOC, GROUP_REPLAY, ++order, Width.SHORT, "Records per poll");
    return def;
  }

  private void crossKeyProblems(ConfigProblems problems) {
    Optional<Instant> from = timeFrom();
    Optional<Instant> to = timeTo();
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      problems.add("replay.time.from (" + from.get() + ") must be before replay.time.to (" + to.get() + ")",
          REPLAY_TIME_FROM_CONFIG, REPLAY_TIME_TO_CONFIG);
    }
    if (from.isPresent() || to.isPresent()) {
      List<String> timeKeys = timeKeysSet();
      Optional<PartitionerKind> kind = partitioner();
      if (kind.isPresent() && !kind.get().usesTime()) {
        List<String> keys = new ArrayList<>(timeKeys);
        keys.add(PARTITIONER_CLASS_CONFIG);
        problems.add(new ConfigProblem(keys, "a time filter needs files partitioned by time, but"
            + " partitioner.class is " + kind.get().wireName() + " (use time, field-time, hourly or daily)"));
      } else if (effectivePathFormat().isBlank()) {
        List<String> keys = new ArrayList<>(timeKeys);
        keys.add(PATH_FORMAT_CONFIG);
        keys.add(PARTITIONER_CLASS_CONFIG);
        problems.add(new ConfigProblem(keys, "a time filter reads the time bucket from the path: set path.format"
            + " (and partition.duration.ms, timezone) as the sink had them, or partitioner.class=hourly/daily"));
      }
      if (getString(TIMEZONE_CONFIG).isBlank()) {
        List<String> keys = new ArrayList<>(timeKeys);
        keys.add(TIMEZONE_CONFIG);
        problems.add(new ConfigProblem(keys, "a time filter needs the sink's timezone; the JVM default is never"
            + " used"));
      }
    }
    if (getLong(RETRY_MAX_BACKOFF_CONFIG) < getLong(RETRY_BACKOFF_CONFIG)) {
      problems.add("s3.retry.max.backoff.ms must be at least s3.retry.backoff.ms", RETRY_MAX_BACKOFF_CONFIG,
          RETRY_BACKOFF_CONFIG);
    }
  }

  private List<String> timeKeysSet() {
    List<String> keys = new ArrayList<>();
    if (!getString(REPLAY_TIME_FROM_CONFIG).isBlank()) {
      keys.add(REPLAY_TIME_FROM_CONFIG);
    }
    if (!getString(REPLAY_TIME_TO_CONFIG).isBlank()) {
      keys.add(REPLAY_TIME_TO_CONFIG);
    }
    return keys;
  }

  public Optional<Instant> timeFrom() {
    return instant(getString(REPLAY_TIME_FROM_CONFIG));
  }

  public Optional<Instant> timeTo() {
    return instant(getString(REPLAY_TIME_TO_CONFIG));
  }

  /** Whether a time filter is set. */
  public boolean filtersTime() {
    return timeFrom().isPresent() || timeTo().isPresent();
  }

  private static Optional<Instant> instant(String text) {
    return text.isBlank() ? Optional.empty() : Optional.of(Instant.parse(text.trim()));
  }

  /** The partitioner the sink had, if given. */
  public Optional<PartitionerKind> partitioner() {
    return Choices.parseOptional(PartitionerKind.class, PARTITIONER_CLASS_CONFIG,
        getString(PARTITIONER_CLASS_CONFIG));
  }

  /** The path.format the sink rendered (hourly and daily have fixed ones); empty when none is known. */
  public String effectivePathFormat() {
    Optional<PartitionerKind> kind = partitioner();
    if (kind.isPresent() && kind.get() == PartitionerKind.HOURLY) {
      return S3SinkConfig.HOURLY_PATH_FORMAT;
    }
    if (kind.isPresent() && kind.get() == PartitionerKind.DAILY) {
      return S3SinkConfig.DAILY_PATH_FORMAT;
    }
    return getString(PATH_FORMAT_CONFIG);
  }

  /** The bucket width the sink floored to (hourly and daily have fixed ones); -1 for the format's finest field. */
  public long effectivePartitionDuration() {
    Optional<PartitionerKind> kind = partitioner();
    if (kind.isPresent() && kind.get() == PartitionerKind.HOURLY) {
      return 3_600_000L;
    }
    if (kind.isPresent() && kind.get() == PartitionerKind.DAILY) {
      return 86_400_000L;
    }
    return getLong(PARTITION_DURATION_CONFIG);
  }

  public ZoneId zone() {
    String zone = getString(TIMEZONE_CONFIG);
    return zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
  }

  public Locale locale() {
    return PathValidators.parseLocale(getString(LOCALE_CONFIG));
  }

  public boolean envelope() {
    return getBoolean(ENVELOPE_CONFIG);
  }

  public String topicsDir() {
    return getString(TOPICS_DIR_CONFIG);
  }

  /** The original topics to replay; empty for all. */
  public Set<String> replayTopics() {
    Set<String> topics = new LinkedHashSet<>();
    for (String topic : getList(REPLAY_TOPICS_CONFIG)) {
      if (!topic.isBlank()) {
        topics.add(topic.trim());
      }
    }
    return topics;
  }

  /** The original partitions to replay; empty for all. */
  public Set<Integer> replayPartitions() {
    Set<Integer> partitions = new LinkedHashSet<>();
    for (String partition : getList(REPLAY_PARTITIONS_CONFIG)) {
      if (!partition.isBlank()) {
        partitions.add(Integer.parseInt(partition.trim()));
      }
    }
    return partitions;
  }

  public TopicMapping topicMapping() {
    return TopicMapping.parse(REPLAY_TOPIC_MAPPING_CONFIG, getList(REPLAY_TOPIC_MAPPING_CONFIG));
  }

  public int batchMaxRecords() {
    return getInt(REPLAY_BATCH_CONFIG);
  }

  public CredentialSettings credentials() {
    return credentials;
  }

  private static final class InstantValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString();
      if (text.isBlank()) {
        return;
      }
      try {
        Instant.parse(text.trim());
      } catch (DateTimeParseException e) {
        throw new ConfigException(name, value, "Expected an ISO-8601 instant such as 2026-12-31T23:00:00Z");
      }
    }

    @Override
    public String toString() {
      return "empty or an ISO-8601 instant such as 2026-12-31T23:00:00Z";
    }
  }

  private static final class PartitionsValidator implements ConfigDef.Validator {
    @Override
    @SuppressWarnings("unchecked")
    public void ensureValid(String name, Object value) {
      for (String item : value == null ? List.<String>of() : (List<String>) value) {
        if (item.isBlank()) {
          continue;
        }
        try {
          if (Integer.parseInt(item.trim()) < 0) {
            throw new ConfigException(name, value, "Partition '" + item.trim() + "' is negative");
          }
        } catch (NumberFormatException e) {
          throw new ConfigException(name, value, "'" + item.trim() + "' is not a partition number");
        }
      }
    }

    @Override
    public String toString() {
      return "a list of partition numbers (0, 1, ...)";
    }
  }

  private static final class DurationValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      long number = value instanceof Number n ? n.longValue() : 0L;
      if (number == 0 || number < -1) {
        throw new ConfigException(name, value, "Expected -1 (the finest field of path.format) or a positive"
            + " number");
      }
    }

    @Override
    public String toString() {
      return "-1 or a positive number of milliseconds";
    }
  }
}
