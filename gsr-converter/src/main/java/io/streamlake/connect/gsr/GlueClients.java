package io.streamlake.connect.gsr;

import io.streamlake.common.aws.AwsClientSettings;
import io.streamlake.common.aws.AwsRegions;
import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.common.retry.Sleeper;
import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** Builds the Glue client (region, endpoint override, credentials; SDK retries off) and its retrier. */
final class GlueClients {

  private GlueClients() {}

  static GlueClient create(GsrConverterConfig config, Region region, AwsCredentialsProvider credentials) {
    // Retries are ours (Retrier); a call that hangs is cut after AwsClientSettings.DEFAULT_TIMEOUT and retried.
    return AwsClientSettings.configure(GlueClient.builder(), region, credentials, config.endpoint(),
        AwsClientSettings.DEFAULT_TIMEOUT).build();
  }

  /** Up to glue.retry.max.attempts attempts with full-jitter back-off; a WARN per retry. */
  static Retrier retrier(GsrConverterConfig config, Sleeper sleeper) {
    Backoff backoff = Backoff.of(config.retryBackoffMs(), config.retryMaxBackoffMs(), Jitter.FULL);
    return new Retrier(RetryPolicy.withMaxAttempts(backoff, config.retryMaxAttempts()), new GlueErrors(),
        System::currentTimeMillis, sleeper);
  }

  /** The configured region, else the SDK's default region chain (as AWS's converter does). */
  static Region region(GsrConverterConfig config) {
    return AwsRegions.configuredOrDefault(config.region()).orElseThrow(() -> new ConfigException(
        GsrConverterConfig.REGION_CONFIG, "",
        "No AWS region: set " + GsrConverterConfig.REGION_CONFIG + " (the SDK's default region chain found none)"));
  }
}
