package io.streamlake.connect.s3.catalog;

import java.util.Optional;
import io.streamlake.common.aws.AwsClientSettings;
import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.config.EndpointValidator;
import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.common.retry.Sleeper;
import io.streamlake.connect.s3.config.S3SinkConfig;
import java.time.Duration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** Builds a task's catalog syncer from the sink's configuration (its credentials, region and endpoint). */
public final class Catalogs {

  private Catalogs() {}

  /** A syncer and what to close with it. */
  public record Handle(CatalogSyncer syncer, GlueClient client, CredentialSettings.Provider credentials)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        syncer.close();
      } finally {
        client.close();
        credentials.close();
      }
    }
  }

  /**
   * Why the partitioning cannot make Glue tables (a key name Glue refuses, a key repeated), for the connector's
   * validation; empty when {@code glue.enabled} is false or the tables can be made.
   */
  public static java.util.Optional<String> problem(S3SinkConfig config) {
    if (!config.getBoolean(S3SinkConfig.GLUE_ENABLED_CONFIG)) {
      return java.util.Optional.empty();
    }
    try {
      TableLayout.of(config);
      return java.util.Optional.empty();
    } catch (CatalogException e) {
      return java.util.Optional.of(e.getMessage());
    }
  }

  /** How many of the longest back-off ({@code glue.retry.max.backoff.ms}) one topic's retry cycle may take. */
  public static final int RETRY_CYCLE_BACKOFFS = 10;

  /**
   * How long one topic's catalog update is retried before it is given up until the topic's next file: the
   * topics share one thread, so an update that never succeeds (Glue down, an unknown glue.endpoint host) must
   * not hold up the other topics' tables for ever.
   */
  static long retryCycleMs(long maxBackoffMs) {
    return maxBackoffMs > Long.MAX_VALUE / RETRY_CYCLE_BACKOFFS ? Long.MAX_VALUE : maxBackoffMs * RETRY_CYCLE_BACKOFFS;
  }

  /** The syncer of a task, or null when {@code glue.enabled} is false. */
  public static Handle create(S3SinkConfig config, String threadName) {
    if (!config.getBoolean(S3SinkConfig.GLUE_ENABLED_CONFIG)) {
      return null;
    }
    TableBuilder tables = new TableBuilder(config);
    String regionName = config.getString(S3SinkConfig.GLUE_REGION_CONFIG);
    Region region = Region.of(regionName.isBlank() ? config.getString(S3SinkConfig.S3_REGION_CONFIG) : regionName);
    CredentialSettings.Provider credentials = config.credentials().provider(region);
    long timeout = config.getLong(S3SinkConfig.S3_REQUEST_TIMEOUT_CONFIG);
    String endpoint = config.getString(S3SinkConfig.GLUE_ENDPOINT_CONFIG);
    // Retries are the syncer's (Retrier): a bounded cycle of back-off, a WARN per retry.
    GlueClient client = AwsClientSettings.configure(GlueClient.builder(), region, credentials,
        endpoint.isBlank() ? Optional.empty()
            : Optional.of(EndpointValidator.parse(S3SinkConfig.GLUE_ENDPOINT_CONFIG, endpoint)),
        Duration.ofMillis(timeout)).build();
    CatalogStore store = new GlueCatalogStore(client, config.getString(S3SinkConfig.GLUE_CATALOG_ID_CONFIG));
    long maxBackoff = config.getLong(S3SinkConfig.GLUE_RETRY_MAX_BACKOFF_CONFIG);
    Backoff backoff = Backoff.of(Math.min(config.getLong(S3SinkConfig.RETRY_BACKOFF_CONFIG), maxBackoff), maxBackoff,
        Jitter.EQUAL);
    Retrier retrier = new Retrier(RetryPolicy.withDeadline(backoff, retryCycleMs(maxBackoff)),
        CatalogSyncer.classifier(), System::currentTimeMillis, Sleeper.THREAD);
    CatalogSyncer syncer = new CatalogSyncer(tables, store, retrier, System::currentTimeMillis, maxBackoff,
        threadName);
    return new Handle(syncer, client, credentials);
  }
}
