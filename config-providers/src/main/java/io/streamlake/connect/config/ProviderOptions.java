package io.streamlake.connect.config;

import io.streamlake.common.aws.AwsCredentialsConfig;
import io.streamlake.common.aws.AwsRegions;
import io.streamlake.common.aws.AwsRetryClassifier;
import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.config.ConfigProblems;
import io.streamlake.common.config.EndpointValidator;
import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.common.retry.Sleeper;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.regions.Region;

/**
 * The options every provider of this module shares, given in a worker configuration as
 * {@code config.providers.<name>.param.<option>}: region, endpoint, AWS credentials (common's fragment),
 * the retry of transient failures and the TTL of resolved values. A provider adds its own options with
 * {@link #define(ConfigDef)} first and then its own.
 *
 * <p>{@code region} and {@code endpoint} keep the names of the MSK developer guide's sample providers, so a
 * worker configuration written for those keeps its meaning. Unknown options are refused, never ignored.
 */
public final class ProviderOptions {

  public static final String REGION_CONFIG = "region";
  private static final String REGION_DOC = "AWS region of the service. Empty means the SDK's default region chain"
      + " (AWS_REGION of the worker; on MSK Connect the connector's region).";

  public static final String ENDPOINT_CONFIG = "endpoint";
  private static final String ENDPOINT_DOC = "Endpoint URL instead of the region's public endpoint, e.g. a VPC"
      + " interface endpoint (https://vpce-...). Empty means the default.";

  public static final String TTL_CONFIG = "ttl.ms";
  private static final String TTL_DOC = "Time to live of every value this provider resolves, in ms: when it passes"
      + " the worker restarts the connector, which resolves its references again (picks up rotated secrets)."
      + " -1 means no TTL (resolved at each connector or task start only). A reference can set its own with a"
      + " '?ttl=<ms>' suffix on its key.";
  public static final long TTL_DEFAULT = -1L;

  public static final String RETRY_MAX_ATTEMPTS_CONFIG = "retry.max.attempts";
  private static final String RETRY_MAX_ATTEMPTS_DOC = "Attempts of one call (including the first) when it fails"
      + " transiently: throttling, HTTP 5xx, timeouts, connection errors. Other failures fail at once.";

  public static final String RETRY_BACKOFF_CONFIG = "retry.backoff.ms";
  private static final String RETRY_BACKOFF_DOC = "Back-off before the first retry; it doubles per retry (full"
      + " jitter) up to retry.max.backoff.ms.";

  public static final String RETRY_MAX_BACKOFF_CONFIG = "retry.max.backoff.ms";
  private static final String RETRY_MAX_BACKOFF_DOC = "Longest back-off between two attempts.";

  private static final String GROUP = "Provider";
  private static final String CREDENTIALS_GROUP = "AWS credentials";
  private static final AwsCredentialsConfig CREDENTIALS = AwsCredentialsConfig.of("streamlake-config-provider");

  private final String provider;
  private final Optional<String> region;
  private final Optional<URI> endpoint;
  private final long ttlMs;
  private final CredentialSettings credentials;
  private final int retryMaxAttempts;
  private final long retryBackoffMs;
  private final long retryMaxBackoffMs;
  private Region resolvedRegion;

  private ProviderOptions(String provider, AbstractConfig config, CredentialSettings credentials) {
    this.provider = provider;
    this.region = nonBlank(config.getString(REGION_CONFIG));
    this.endpoint = nonBlank(config.getString(ENDPOINT_CONFIG))
        .map(text -> EndpointValidator.parse(ENDPOINT_CONFIG, text));
    this.ttlMs = config.getLong(TTL_CONFIG);
    this.credentials = credentials;
    this.retryMaxAttempts = config.getInt(RETRY_MAX_ATTEMPTS_CONFIG);
    this.retryBackoffMs = config.getLong(RETRY_BACKOFF_CONFIG);
    this.retryMaxBackoffMs = config.getLong(RETRY_MAX_BACKOFF_CONFIG);
  }

  /** Defines the shared options in {@code def}. */
  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    def.define(REGION_CONFIG, Type.STRING, "", Importance.MEDIUM, REGION_DOC, GROUP, ++order, Width.SHORT, "Region");
    def.define(ENDPOINT_CONFIG, Type.STRING, "", new EndpointValidator(), Importance.LOW, ENDPOINT_DOC, GROUP, ++order,
        Width.LONG, "Endpoint");
    def.define(TTL_CONFIG, Type.LONG, TTL_DEFAULT, new TtlValidator(), Importance.LOW, TTL_DOC, GROUP, ++order,
        Width.SHORT, "TTL (ms)");
    def.define(RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, 5, Range.between(1, 20), Importance.LOW, RETRY_MAX_ATTEMPTS_DOC,
        GROUP, ++order, Width.SHORT, "Retry attempts");
    def.define(RETRY_BACKOFF_CONFIG, Type.LONG, 200L, Range.between(1, 60_000), Importance.LOW, RETRY_BACKOFF_DOC,
        GROUP, ++order, Width.SHORT, "Retry back-off (ms)");
    def.define(RETRY_MAX_BACKOFF_CONFIG, Type.LONG, 5_000L, Range.between(1, 300_000), Importance.LOW,
        RETRY_MAX_BACKOFF_DOC, GROUP, ++order, Width.SHORT, "Retry max back-off (ms)");
    CREDENTIALS.define(def, CREDENTIALS_GROUP, 0);
    return def;
  }

  /**
   * Parses the {@code param.*} map a worker passes to {@code configure}.
   *
   * @param provider the reference prefix this provider is documented under (for messages)
   * @throws ConfigException naming every unknown option and every broken rule
   */
  public static ProviderOptions parse(String provider, ConfigDef def, Map<String, ?> params) {
    Set<String> unknown = new TreeSet<>(params.keySet());
    unknown.removeAll(def.names());
    if (!unknown.isEmpty()) {
      throw new ConfigException("Unknown option(s) of the " + provider + " config provider: " + unknown
          + " (config.providers.<name>.param.<option>); known options: " + new TreeSet<>(def.names()));
    }
    AbstractConfig config = new AbstractConfig(def, params, false);
    ConfigProblems problems = new ConfigProblems();
    CredentialSettings credentials = CREDENTIALS.resolve(config, problems);
    if (config.getLong(RETRY_MAX_BACKOFF_CONFIG) < config.getLong(RETRY_BACKOFF_CONFIG)) {
      problems.add(RETRY_MAX_BACKOFF_CONFIG + " must be at least " + RETRY_BACKOFF_CONFIG, RETRY_MAX_BACKOFF_CONFIG,
          RETRY_BACKOFF_CONFIG);
    }
    problems.throwIfAny();
    return new ProviderOptions(provider, config, credentials);
  }

  /**
   * The configured region, else the SDK's default chain, resolved once, when a client first needs it (the chain may
   * ask the instance metadata service).
   */
  public synchronized Region region() {
    if (resolvedRegion == null) {
      resolvedRegion = AwsRegions.configuredOrDefault(region).orElseThrow(() -> new ConfigException("The "
          + provider + " config provider has no AWS region: set config.providers.<name>.param." + REGION_CONFIG
          + " (the SDK's default region chain found none)"));
    }
    return resolvedRegion;
  }

  public Optional<URI> endpoint() {
    return endpoint;
  }

  public CredentialSettings credentials() {
    return credentials;
  }

  /** The TTL for resolved values when a reference sets none; empty for none. */
  public Optional<Long> ttlMs() {
    return ttlMs < 0 ? Optional.empty() : Optional.of(ttlMs);
  }

  /** The retrier of this provider's calls (the SDK's own retries are off). */
  public Retrier retrier(Sleeper sleeper) {
    Backoff backoff = Backoff.of(retryBackoffMs, retryMaxBackoffMs, Jitter.FULL);
    return new Retrier(RetryPolicy.withMaxAttempts(backoff, retryMaxAttempts), new AwsRetryClassifier(),
        System::currentTimeMillis, sleeper);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** Accepts -1 (none) or a positive number of milliseconds. */
  private static final class TtlValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      long ttl = (Long) value;
      if (ttl != -1 && ttl < 1) {
        throw new ConfigException(name, value, "Must be -1 (no TTL) or a positive number of milliseconds");
      }
    }

    @Override
    public String toString() {
      return "-1 (none), or 1 or more ms";
    }
  }
}
