package io.streamlake.connect.gsr;

import io.streamlake.common.aws.AwsRegions;
import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.common.retry.Sleeper;
import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/** Builds the Glue client (region, endpoint override, credentials; SDK retries off) and its retrier. */
final class GlueClients {

  private GlueClients() {}

  static GlueClient create(GsrConverterConfig config, Region region, AwsCredentialsProvider credentials) {
    GlueClientBuilder builder = GlueClient.builder()
        .httpClientBuilder(ApacheHttpClient.builder())
        .region(region)
        .credentialsProvider(credentials)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    config.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
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
