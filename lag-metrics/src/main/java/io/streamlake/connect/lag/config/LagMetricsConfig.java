package io.streamlake.connect.lag.config;

import io.streamlake.common.aws.AwsCredentialsConfig;
import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.config.Choices;
import io.streamlake.common.config.ConfigProblem;
import io.streamlake.common.config.ConfigProblems;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every option of the consumer-lag emitter: the single source of truth for validation, defaults and the
 * README table. Rules spanning several keys live in {@link #validate} and name every key involved.
 */
public final class LagMetricsConfig extends AbstractConfig {

  private static final String GROUP_SELECTION = "Selection";
  private static final String GROUP_LAG = "Lag";
  private static final String GROUP_TOPIC = "Metrics topic";
  private static final String GROUP_CLOUDWATCH = "CloudWatch";
  private static final String GROUP_CONNECTION = "Connection";

  /** Prefix of the task's own AdminClient settings; unknown {@code admin.*} keys pass through to the client. */
  public static final String ADMIN_PREFIX = "admin.";

  public static final String GROUPS_INCLUDE_CONFIG = "groups.include";
  public static final String GROUPS_INCLUDE_DEFAULT = ".*";
  private static final String GROUPS_INCLUDE_DOC = "Consumer groups whose id fully matches this regex are watched.";

  public static final String GROUPS_EXCLUDE_CONFIG = "groups.exclude";
  public static final String GROUPS_EXCLUDE_DEFAULT = "";
  private static final String GROUPS_EXCLUDE_DOC = "Consumer groups whose id fully matches this regex are skipped,"
      + " even when groups.include matches. Empty excludes nothing.";

  public static final String TOPICS_INCLUDE_CONFIG = "topics.include";
  public static final String TOPICS_INCLUDE_DEFAULT = ".*";
  private static final String TOPICS_INCLUDE_DOC = "Only partitions of topics fully matching this regex are"
      + " reported.";

  public static final String TOPICS_EXCLUDE_CONFIG = "topics.exclude";
  public static final String TOPICS_EXCLUDE_DEFAULT = "";
  private static final String TOPICS_EXCLUDE_DOC = "Partitions of topics fully matching this regex are not"
      + " reported. Empty excludes nothing.";

  public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
  public static final long POLL_INTERVAL_DEFAULT = 60_000L;
  private static final String POLL_INTERVAL_DOC = "Time between two lag snapshots. Each snapshot costs a fixed"
      + " handful of batched admin requests, whatever the number of groups and partitions.";

  public static final String MISSING_COMMIT_CONFIG = "missing.commit.policy";
  public static final String MISSING_COMMIT_DEFAULT = MissingCommitPolicy.SKIP.wireName();
  private static final String MISSING_COMMIT_DOC = "What to report for a partition assigned to a group member"
      + " that has no committed offset: skip (default, not reported), zero (lag 0, no committed offset),"
      + " log-start (lag counted from the log-start offset, as auto.offset.reset=earliest would read).";

  public static final String TIME_LAG_MODE_CONFIG = "time.lag.mode";
  public static final String TIME_LAG_MODE_DEFAULT = TimeLagMode.INTERPOLATION.wireName();
  private static final String TIME_LAG_MODE_DOC = "How time lag is estimated: interpolation (default) of the"
      + " committed offset over per-partition (end offset, time) samples kept across polls, as"
      + " kafka-lag-exporter does (needs two polls before it reports); record-timestamp reads the"
      + " timestamp of the record at the committed offset (one small fetch per lagging partition); none.";

  public static final String TIME_LAG_SAMPLES_CONFIG = "time.lag.max.samples";
  public static final int TIME_LAG_SAMPLES_DEFAULT = 60;
  private static final String TIME_LAG_SAMPLES_DOC = "Most (end offset, time) samples kept per partition for"
      + " interpolation; the oldest is dropped first. Bounds memory to about 16 bytes x samples x partitions."
      + " A lag older than the oldest sample is extrapolated.";

  public static final String TIME_LAG_FETCH_TIMEOUT_CONFIG = "time.lag.fetch.timeout.ms";
  public static final long TIME_LAG_FETCH_TIMEOUT_DEFAULT = 10_000L;
  private static final String TIME_LAG_FETCH_TIMEOUT_DOC = "record-timestamp mode: how long one poll may spend"
      + " fetching records at committed offsets; partitions not fetched in time get no time lag this poll.";

  public static final String METRICS_TOPIC_CONFIG = "metrics.topic";
  public static final String METRICS_TOPIC_DEFAULT = "consumer-lag-metrics";
  private static final String METRICS_TOPIC_DOC = "Topic that receives one record per group/topic/partition"
      + " each poll, keyed by (group, topic, partition) so a compacted topic keeps the latest. Empty writes no"
      + " records.";

  public static final String CLOUDWATCH_ENABLED_CONFIG = "cloudwatch.enabled";
  public static final boolean CLOUDWATCH_ENABLED_DEFAULT = true;
  private static final String CLOUDWATCH_ENABLED_DOC = "Publish TotalLag, SumOffsetLag, MaxOffsetLag and"
      + " EstimatedMaxTimeLag to CloudWatch with PutMetricData.";

  public static final String CLOUDWATCH_NAMESPACE_CONFIG = "cloudwatch.namespace";
  public static final String CLOUDWATCH_NAMESPACE_DEFAULT = "MSK/ConsumerLag";
  private static final String CLOUDWATCH_NAMESPACE_DOC = "CloudWatch namespace of every metric (the lag_monitor.py"
      + " script's namespace by default).";

  public static final String CLOUDWATCH_REGION_CONFIG = "cloudwatch.region";
  public static final String CLOUDWATCH_REGION_DEFAULT = "";
  private static final String CLOUDWATCH_REGION_DOC = "AWS region for CloudWatch. Empty: the region in an MSK"
      + " bootstrap host name (b-1.x.kafka.<region>.amazonaws.com), else the SDK's default region chain.";

  public static final String CLOUDWATCH_ENDPOINT_CONFIG = "cloudwatch.endpoint";
  public static final String CLOUDWATCH_ENDPOINT_DEFAULT = "";
  private static final String CLOUDWATCH_ENDPOINT_DOC = "Custom CloudWatch endpoint (VPC endpoint, test server)."
      + " Empty uses the AWS endpoint of the region.";

  public static final String CLOUDWATCH_PARTITION_METRICS_CONFIG = "cloudwatch.partition.metrics.enabled";
  public static final boolean CLOUDWATCH_PARTITION_METRICS_DEFAULT = false;
  private static final String CLOUDWATCH_PARTITION_METRICS_DOC = "Also publish OffsetLag and EstimatedTimeLag"
      + " per ConsumerGroup+Topic+Partition (one custom metric per partition: mind the CloudWatch bill).";

  public static final String CLOUDWATCH_RESOLUTION_CONFIG = "cloudwatch.storage.resolution";
  public static final int CLOUDWATCH_RESOLUTION_DEFAULT = 60;
  private static final String CLOUDWATCH_RESOLUTION_DOC = "Storage resolution in seconds of every datum:"
      + " 60 (standard) or 1 (high resolution).";

  public static final String CLOUDWATCH_RETRY_ATTEMPTS_CONFIG = "cloudwatch.retry.max.attempts";
  public static final int CLOUDWATCH_RETRY_ATTEMPTS_DEFAULT = 6;
  private static final String CLOUDWATCH_RETRY_ATTEMPTS_DOC = "Attempts per PutMetricData request on throttling,"
      + " 5xx and I/O errors. After the last one the batch is dropped with an ERROR log (the next poll sends"
      + " fresh values); the task keeps running.";

  public static final String CLOUDWATCH_RETRY_BACKOFF_CONFIG = "cloudwatch.retry.backoff.ms";
  public static final long CLOUDWATCH_RETRY_BACKOFF_DEFAULT = 200L;
  private static final String CLOUDWATCH_RETRY_BACKOFF_DOC = "First back-off before a retry; it doubles on each"
      + " retry, with full jitter.";

  public static final String CLOUDWATCH_RETRY_MAX_BACKOFF_CONFIG = "cloudwatch.retry.max.backoff.ms";
  public static final long CLOUDWATCH_RETRY_MAX_BACKOFF_DEFAULT = 10_000L;
  private static final String CLOUDWATCH_RETRY_MAX_BACKOFF_DOC = "Upper bound of one back-off.";

  /** The AWS credentials of the CloudWatch client: static keys, a provider, STS assume-role (common fragment). */
  private static final AwsCredentialsConfig CREDENTIALS = AwsCredentialsConfig.of("streamlake-lag-metrics");
  public static final String ACCESS_KEY_CONFIG = AwsCredentialsConfig.ACCESS_KEY_CONFIG;
  public static final String SECRET_KEY_CONFIG = AwsCredentialsConfig.SECRET_KEY_CONFIG;
  public static final String STS_ROLE_ARN_CONFIG = AwsCredentialsConfig.ROLE_ARN_CONFIG;
  public static final String STS_SESSION_NAME_CONFIG = AwsCredentialsConfig.SESSION_NAME_CONFIG;
  public static final String STS_EXTERNAL_ID_CONFIG = AwsCredentialsConfig.EXTERNAL_ID_CONFIG;

  public static final String BOOTSTRAP_CONFIG = ADMIN_PREFIX + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
  private static final String BOOTSTRAP_DOC = "Bootstrap servers of the cluster whose consumer groups are"
      + " watched (a plugin cannot read the worker's own settings, so give the MSK cluster's bootstrap string,"
      + " e.g. the IAM one on port 9098).";

  public static final String SECURITY_PROTOCOL_CONFIG = ADMIN_PREFIX + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG;
  public static final String SECURITY_PROTOCOL_DEFAULT = SecurityProtocolChoice.PLAINTEXT.wireName();
  private static final String SECURITY_PROTOCOL_DOC = "Security protocol of the task's AdminClient.";

  public static final String SASL_MECHANISM_CONFIG = ADMIN_PREFIX + "sasl.mechanism";
  public static final String SASL_MECHANISM_DEFAULT = SaslMechanismChoice.AWS_MSK_IAM.wireName();
  private static final String SASL_MECHANISM_DOC = "SASL mechanism when admin.security.protocol is SASL_*."
      + " AWS_MSK_IAM signs with the connector's IAM role (aws-msk-iam-auth); SCRAM-* and PLAIN take"
      + " admin.sasl.username and admin.sasl.password.";

  public static final String SASL_USERNAME_CONFIG = ADMIN_PREFIX + "sasl.username";
  private static final String SASL_USERNAME_DOC = "User name for SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN.";

  public static final String SASL_PASSWORD_CONFIG = ADMIN_PREFIX + "sasl.password";
  private static final String SASL_PASSWORD_DOC = "Password for SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN. Use a"
      + " config provider reference (e.g. Secrets Manager) rather than a literal.";

  public static final String SASL_JAAS_CONFIG = ADMIN_PREFIX + "sasl.jaas.config";
  private static final String SASL_JAAS_DOC = "Full JAAS login module line; when set it wins over the one built"
      + " from admin.sasl.mechanism, admin.sasl.username, admin.sasl.password and admin.sasl.iam.role.arn.";

  public static final String IAM_ROLE_ARN_CONFIG = ADMIN_PREFIX + "sasl.iam.role.arn";
  private static final String IAM_ROLE_ARN_DOC = "AWS_MSK_IAM only: a role to assume for cluster access instead"
      + " of the connector's own role. Empty uses the default credential chain.";

  public static final String TRUSTSTORE_LOCATION_CONFIG = ADMIN_PREFIX + "ssl.truststore.location";
  private static final String TRUSTSTORE_LOCATION_DOC = "Trust store file for SSL/SASL_SSL; empty uses the JVM"
      + " trust store (enough for Amazon MSK).";

  public static final String TRUSTSTORE_PASSWORD_CONFIG = ADMIN_PREFIX + "ssl.truststore.password";
  private static final String TRUSTSTORE_PASSWORD_DOC = "Password of admin.ssl.truststore.location.";

  public static final String REQUEST_TIMEOUT_CONFIG = ADMIN_PREFIX + CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
  public static final int REQUEST_TIMEOUT_DEFAULT = 30_000;
  private static final String REQUEST_TIMEOUT_DOC = "Timeout of one admin request; a snapshot that does not"
      + " complete within it is skipped and retried at the next poll.";

  public static final ConfigDef CONFIG_DEF = define();

  private final CredentialSettings credentials;

  /**
   * Parses and checks every rule.
   *
   * @throws ConfigException for a single-key problem, or one listing every multi-key problem with its keys
   */
  public LagMetricsConfig(Map<String, ?> props) {
    super(CONFIG_DEF, props);
    ConfigProblems problems = new ConfigProblems();
    this.credentials = check(this, problems);
    problems.throwIfAny();
  }

  private static ConfigDef define() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(GROUPS_INCLUDE_CONFIG, Type.STRING, GROUPS_INCLUDE_DEFAULT, Validators.regex(), Importance.HIGH,
        GROUPS_INCLUDE_DOC, GROUP_SELECTION, ++order, Width.MEDIUM, "Groups to include");
    def.define(GROUPS_EXCLUDE_CONFIG, Type.STRING, GROUPS_EXCLUDE_DEFAULT, Validators.regex(), Importance.MEDIUM,
        GROUPS_EXCLUDE_DOC, GROUP_SELECTION, ++order, Width.MEDIUM, "Groups to exclude");
    def.define(TOPICS_INCLUDE_CONFIG, Type.STRING, TOPICS_INCLUDE_DEFAULT, Validators.regex(), Importance.MEDIUM,
        TOPICS_INCLUDE_DOC, GROUP_SELECTION, ++order, Width.MEDIUM, "Topics to include");
    def.define(TOPICS_EXCLUDE_CONFIG, Type.STRING, TOPICS_EXCLUDE_DEFAULT, Validators.regex(), Importance.LOW,
        TOPICS_EXCLUDE_DOC, GROUP_SELECTION, ++order, Width.MEDIUM, "Topics to exclude");
    def.define(POLL_INTERVAL_CONFIG, Type.LONG, POLL_INTERVAL_DEFAULT, Range.atLeast(100L), Importance.HIGH,
        POLL_INTERVAL_DOC, GROUP_SELECTION, ++order, Width.SHORT, "Poll interval");

    order = 0;
    def.define(MISSING_COMMIT_CONFIG, Type.STRING, MISSING_COMMIT_DEFAULT, Choices.validator(MissingCommitPolicy.class),
        Importance.MEDIUM, MISSING_COMMIT_DOC, GROUP_LAG, ++order, Width.SHORT, "Missing commit policy", List.of(),
        Choices.recommender(MissingCommitPolicy.class));
    def.define(TIME_LAG_MODE_CONFIG, Type.STRING, TIME_LAG_MODE_DEFAULT, Choices.validator(TimeLagMode.class),
        Importance.MEDIUM, TIME_LAG_MODE_DOC, GROUP_LAG, ++order, Width.SHORT, "Time lag mode", List.of(),
        Choices.recommender(TimeLagMode.class));
    def.define(TIME_LAG_SAMPLES_CONFIG, Type.INT, TIME_LAG_SAMPLES_DEFAULT, Range.between(2, 10_000),
        Importance.LOW, TIME_LAG_SAMPLES_DOC, GROUP_LAG, ++order, Width.SHORT, "Samples per partition");
    def.define(TIME_LAG_FETCH_TIMEOUT_CONFIG, Type.LONG, TIME_LAG_FETCH_TIMEOUT_DEFAULT, Range.atLeast(100L),
        Importance.LOW, TIME_LAG_FETCH_TIMEOUT_DOC, GROUP_LAG, ++order, Width.SHORT, "Record fetch timeout");

    def.define(METRICS_TOPIC_CONFIG, Type.STRING, METRICS_TOPIC_DEFAULT, Importance.HIGH, METRICS_TOPIC_DOC,
        GROUP_TOPIC, 1, Width.MEDIUM, "Metrics topic");

    order = 0;
    def.define(CLOUDWATCH_ENABLED_CONFIG, Type.BOOLEAN, CLOUDWATCH_ENABLED_DEFAULT, Importance.HIGH,
        CLOUDWATCH_ENABLED_DOC, GROUP_CLOUDWATCH, ++order, Width.SHORT, "CloudWatch enabled");
    def.define(CLOUDWATCH_NAMESPACE_CONFIG, Type.STRING, CLOUDWATCH_NAMESPACE_DEFAULT, Validators.namespace(),
        Importance.MEDIUM, CLOUDWATCH_NAMESPACE_DOC, GROUP_CLOUDWATCH, ++order, Width.MEDIUM, "Namespace");
    def.define(CLOUDWATCH_REGION_CONFIG, Type.STRING, CLOUDWATCH_REGION_DEFAULT, Importance.MEDIUM,
        CLOUDWATCH_REGION_DOC, GROUP_CLOUDWATCH, ++order, Width.SHORT, "Region");
    def.define(CLOUDWATCH_ENDPOINT_CONFIG, Type.STRING, CLOUDWATCH_ENDPOINT_DEFAULT, Validators.optionalHttpUri(),
        Importance.LOW, CLOUDWATCH_ENDPOINT_DOC, GROUP_CLOUDWATCH, ++order, Width.LONG, "Endpoint");
    def.define(CLOUDWATCH_PARTITION_METRICS_CONFIG, Type.BOOLEAN, CLOUDWATCH_PARTITION_METRICS_DEFAULT,
        Importance.LOW, CLOUDWATCH_PARTITION_METRICS_DOC, GROUP_CLOUDWATCH, ++order, Width.SHORT,
        "Per-partition metrics");
    def.define(CLOUDWATCH_RESOLUTION_CONFIG, Type.INT, CLOUDWATCH_RESOLUTION_DEFAULT, Validators.storageResolution(),
        Importance.LOW, CLOUDWATCH_RESOLUTION_DOC, GROUP_CLOUDWATCH, ++order, Width.SHORT, "Storage resolution");
    def.define(CLOUDWATCH_RETRY_ATTEMPTS_CONFIG, Type.INT, CLOUDWATCH_RETRY_ATTEMPTS_DEFAULT, Range.between(1, 20),
        Importance.LOW, CLOUDWATCH_RETRY_ATTEMPTS_DOC, GROUP_CLOUDWATCH, ++order, Width.SHORT, "Retry attempts");
    def.define(CLOUDWATCH_RETRY_BACKOFF_CONFIG, Type.LONG, CLOUDWATCH_RETRY_BACKOFF_DEFAULT, Range.atLeast(1L),
        Importance.LOW, CLOUDWATCH_RETRY_BACKOFF_DOC, GROUP_CLOUDWATCH, ++order, Width.SHORT, "Retry back-off");
    def.define(CLOUDWATCH_RETRY_MAX_BACKOFF_CONFIG, Type.LONG, CLOUDWATCH_RETRY_MAX_BACKOFF_DEFAULT,
        Range.atLeast(1L), Importance.LOW, CLOUDWATCH_RETRY_MAX_BACKOFF_DOC, GROUP_CLOUDWATCH, ++order,
        Width.SHORT, "Retry max back-off");
    order = CREDENTIALS.define(def, GROUP_CLOUDWATCH, order);

    order = 0;
    def.define(BOOTSTRAP_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.stream().anyMatch(v -> v.toString().isBlank())) {
          throw new ConfigException(name, value, "Expected host:port[,host:port...]");
        }
      }

      @Override
      public String toString() {
        return "host:port[,host:port...]";
      }
    }, Importance.HIGH, BOOTSTRAP_DOC, GROUP_CONNECTION, ++order, Width.LONG, "Bootstrap servers");
    def.define(SECURITY_PROTOCOL_CONFIG, Type.STRING, SECURITY_PROTOCOL_DEFAULT,
        Choices.validator(SecurityProtocolChoice.class), Importance.HIGH, SECURITY_PROTOCOL_DOC, GROUP_CONNECTION,
        ++order, Width.SHORT, "Security protocol", List.of(), Choices.recommender(SecurityProtocolChoice.class));
    def.define(SASL_MECHANISM_CONFIG, Type.STRING, SASL_MECHANISM_DEFAULT, Choices.validator(SaslMechanismChoice.class),
        Importance.HIGH, SASL_MECHANISM_DOC, GROUP_CONNECTION, ++order, Width.SHORT, "SASL mechanism", List.of(),
        Choices.recommender(SaslMechanismChoice.class));
    def.define(SASL_USERNAME_CONFIG, Type.STRING, "", Importance.MEDIUM, SASL_USERNAME_DOC, GROUP_CONNECTION,
        ++order, Width.MEDIUM, "SASL user name");
    def.define(SASL_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, SASL_PASSWORD_DOC, GROUP_CONNECTION,
        ++order, Width.MEDIUM, "SASL password");
    def.define(SASL_JAAS_CONFIG, Type.PASSWORD, "", Importance.LOW, SASL_JAAS_DOC, GROUP_CONNECTION, ++order,
        Width.LONG, "JAAS config");
    def.define(IAM_ROLE_ARN_CONFIG, Type.STRING, "", Importance.LOW, IAM_ROLE_ARN_DOC, GROUP_CONNECTION, ++order,
        Width.LONG, "IAM role ARN");
    def.define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.LOW, TRUSTSTORE_LOCATION_DOC,
        GROUP_CONNECTION, ++order, Width.LONG, "Trust store");
    def.define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.LOW, TRUSTSTORE_PASSWORD_DOC,
        GROUP_CONNECTION, ++order, Width.MEDIUM, "Trust store password");
    def.define(REQUEST_TIMEOUT_CONFIG, Type.INT, REQUEST_TIMEOUT_DEFAULT, Range.atLeast(1000), Importance.LOW,
        REQUEST_TIMEOUT_DOC, GROUP_CONNECTION, ++order, Width.SHORT, "Request timeout");
    return def;
  }

  /**
   * Rules that span several keys, each problem naming every key involved. Single-key problems are the
   * ConfigDef validators' job; this assumes they passed.
   */
  public static List<ConfigProblem> validate(Map<String, ?> props) {
    ConfigProblems problems = new ConfigProblems();
    check(new AbstractConfig(CONFIG_DEF, props, false), problems);
    return problems.list();
  }

  private static CredentialSettings check(AbstractConfig config, ConfigProblems problems) {
    if (config.getString(METRICS_TOPIC_CONFIG).isBlank() && !config.getBoolean(CLOUDWATCH_ENABLED_CONFIG)) {
      problems.add("Nothing to emit: set " + METRICS_TOPIC_CONFIG + " or " + CLOUDWATCH_ENABLED_CONFIG + "=true",
          METRICS_TOPIC_CONFIG, CLOUDWATCH_ENABLED_CONFIG);
    }
    CredentialSettings credentials = CREDENTIALS.resolve(config, problems);
    long backoff = config.getLong(CLOUDWATCH_RETRY_BACKOFF_CONFIG);
    if (config.getLong(CLOUDWATCH_RETRY_MAX_BACKOFF_CONFIG) < backoff) {
      problems.add(CLOUDWATCH_RETRY_MAX_BACKOFF_CONFIG + " must be at least " + CLOUDWATCH_RETRY_BACKOFF_CONFIG
          + " (" + backoff + ")", CLOUDWATCH_RETRY_MAX_BACKOFF_CONFIG, CLOUDWATCH_RETRY_BACKOFF_CONFIG);
    }
    SecurityProtocolChoice protocol = Choices.parse(SecurityProtocolChoice.class, SECURITY_PROTOCOL_CONFIG,
        config.getString(SECURITY_PROTOCOL_CONFIG));
    SaslMechanismChoice mechanism = Choices.parse(SaslMechanismChoice.class, SASL_MECHANISM_CONFIG,
        config.getString(SASL_MECHANISM_CONFIG));
    boolean jaas = !config.getPassword(SASL_JAAS_CONFIG).value().isBlank();
    if (protocol.usesSasl() && !jaas && mechanism != SaslMechanismChoice.AWS_MSK_IAM) {
      boolean user = !config.getString(SASL_USERNAME_CONFIG).isBlank();
      boolean password = !config.getPassword(SASL_PASSWORD_CONFIG).value().isBlank();
      if (!user || !password) {
        problems.add(mechanism.wireName() + " with " + SECURITY_PROTOCOL_CONFIG + "=" + protocol.wireName()
            + " needs " + SASL_USERNAME_CONFIG + " and " + SASL_PASSWORD_CONFIG + " (or a full " + SASL_JAAS_CONFIG
            + ")", SASL_MECHANISM_CONFIG, SECURITY_PROTOCOL_CONFIG, SASL_USERNAME_CONFIG, SASL_PASSWORD_CONFIG,
            SASL_JAAS_CONFIG);
      }
    }
    if (protocol.usesSasl() && mechanism == SaslMechanismChoice.AWS_MSK_IAM
        && protocol != SecurityProtocolChoice.SASL_SSL) {
      problems.add("AWS_MSK_IAM in " + SASL_MECHANISM_CONFIG + " needs " + SECURITY_PROTOCOL_CONFIG
          + "=SASL_SSL (MSK serves IAM on TLS only)", SECURITY_PROTOCOL_CONFIG, SASL_MECHANISM_CONFIG);
    }
    return credentials;
  }

  public Pattern groupsInclude() {
    return Pattern.compile(getString(GROUPS_INCLUDE_CONFIG));
  }

  public Optional<Pattern> groupsExclude() {
    return optionalPattern(getString(GROUPS_EXCLUDE_CONFIG));
  }

  public Pattern topicsInclude() {
    return Pattern.compile(getString(TOPICS_INCLUDE_CONFIG));
  }

  public Optional<Pattern> topicsExclude() {
    return optionalPattern(getString(TOPICS_EXCLUDE_CONFIG));
  }

  private static Optional<Pattern> optionalPattern(String regex) {
    return regex.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(regex));
  }

  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_CONFIG));
  }

  public MissingCommitPolicy missingCommitPolicy() {
    return Choices.parse(MissingCommitPolicy.class, MISSING_COMMIT_CONFIG, getString(MISSING_COMMIT_CONFIG));
  }

  public TimeLagMode timeLagMode() {
    return Choices.parse(TimeLagMode.class, TIME_LAG_MODE_CONFIG, getString(TIME_LAG_MODE_CONFIG));
  }

  public int timeLagMaxSamples() {
    return getInt(TIME_LAG_SAMPLES_CONFIG);
  }

  public Duration timeLagFetchTimeout() {
    return Duration.ofMillis(getLong(TIME_LAG_FETCH_TIMEOUT_CONFIG));
  }

  /** The metrics topic, or empty when no records are written. */
  public Optional<String> metricsTopic() {
    String topic = getString(METRICS_TOPIC_CONFIG).trim();
    return topic.isEmpty() ? Optional.empty() : Optional.of(topic);
  }

  public boolean cloudWatchEnabled() {
    return getBoolean(CLOUDWATCH_ENABLED_CONFIG);
  }

  public String cloudWatchNamespace() {
    return getString(CLOUDWATCH_NAMESPACE_CONFIG);
  }

  /** The configured region, else the one in an MSK bootstrap host name, else empty (SDK default chain). */
  public Optional<String> cloudWatchRegion() {
    String region = getString(CLOUDWATCH_REGION_CONFIG).trim();
    if (!region.isEmpty()) {
      return Optional.of(region);
    }
    return MskHostNames.region(getList(BOOTSTRAP_CONFIG));
  }

  public Optional<URI> cloudWatchEndpoint() {
    String endpoint = getString(CLOUDWATCH_ENDPOINT_CONFIG).trim();
    return endpoint.isEmpty() ? Optional.empty() : Optional.of(URI.create(endpoint));
  }

  public boolean partitionMetricsEnabled() {
    return getBoolean(CLOUDWATCH_PARTITION_METRICS_CONFIG);
  }

  public int storageResolution() {
    return getInt(CLOUDWATCH_RESOLUTION_CONFIG);
  }

  public int retryMaxAttempts() {
    return getInt(CLOUDWATCH_RETRY_ATTEMPTS_CONFIG);
  }

  public Duration retryBackoff() {
    return Duration.ofMillis(getLong(CLOUDWATCH_RETRY_BACKOFF_CONFIG));
  }

  public Duration retryMaxBackoff() {
    return Duration.ofMillis(getLong(CLOUDWATCH_RETRY_MAX_BACKOFF_CONFIG));
  }

  /** The CloudWatch client's credentials: static keys or a provider, and an optional role to assume. */
  public CredentialSettings credentials() {
    return credentials;
  }

  public List<String> bootstrapServers() {
    return getList(BOOTSTRAP_CONFIG);
  }

  public SecurityProtocolChoice securityProtocol() {
    return Choices.parse(SecurityProtocolChoice.class, SECURITY_PROTOCOL_CONFIG, getString(SECURITY_PROTOCOL_CONFIG));
  }

  public SaslMechanismChoice saslMechanism() {
    return Choices.parse(SaslMechanismChoice.class, SASL_MECHANISM_CONFIG, getString(SASL_MECHANISM_CONFIG));
  }

  public String saslUsername() {
    return getString(SASL_USERNAME_CONFIG);
  }

  public Password saslPassword() {
    return getPassword(SASL_PASSWORD_CONFIG);
  }

  public Password saslJaasConfig() {
    return getPassword(SASL_JAAS_CONFIG);
  }

  public String iamRoleArn() {
    return getString(IAM_ROLE_ARN_CONFIG);
  }

  public String truststoreLocation() {
    return getString(TRUSTSTORE_LOCATION_CONFIG);
  }

  public Password truststorePassword() {
    return getPassword(TRUSTSTORE_PASSWORD_CONFIG);
  }

  public int requestTimeoutMs() {
    return getInt(REQUEST_TIMEOUT_CONFIG);
  }

  /** {@code admin.*} keys not declared here, without the prefix: passed to the AdminClient unchanged. */
  public Map<String, Object> adminPassThrough() {
    Map<String, Object> extra = new HashMap<>();
    for (Map.Entry<String, Object> entry : originalsWithPrefix(ADMIN_PREFIX).entrySet()) {
      if (!CONFIG_DEF.names().contains(ADMIN_PREFIX + entry.getKey())) {
        extra.put(entry.getKey(), entry.getValue());
      }
    }
    return extra;
  }
}
