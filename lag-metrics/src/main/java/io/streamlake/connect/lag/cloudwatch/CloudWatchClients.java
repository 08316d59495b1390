package io.streamlake.connect.lag.cloudwatch;

import io.streamlake.common.aws.AwsClientSettings;
import io.streamlake.common.aws.AwsRetryClassifier;
import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.common.retry.Sleeper;
import io.streamlake.connect.lag.config.LagMetricsConfig;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Builds the CloudWatch client from the cloudwatch.* options and the credentials the aws.* / sts.* options
 * resolve to, and the retrier of its PutMetricData calls. SDK retries are off: the retrier retries.
 */
public final class CloudWatchClients {

  private CloudWatchClients() {}

  /** A client for {@code region}; {@code credentials} stay the caller's to close. */
  public static CloudWatchClient create(LagMetricsConfig config, Region region,
      AwsCredentialsProvider credentials) {
    return AwsClientSettings.configure(CloudWatchClient.builder(), region, credentials,
        config.cloudWatchEndpoint(), AwsClientSettings.DEFAULT_TIMEOUT).build();
  }

  /** Up to cloudwatch.retry.max.attempts attempts, full-jitter back-off between the two back-off options. */
  public static Retrier retrier(LagMetricsConfig config, Sleeper sleeper) {
    Backoff backoff = Backoff.of(config.retryBackoff().toMillis(), config.retryMaxBackoff().toMillis(),
        Jitter.FULL);
    return new Retrier(RetryPolicy.withMaxAttempts(backoff, config.retryMaxAttempts()), new AwsRetryClassifier(),
        System::currentTimeMillis, sleeper);
  }

  /** The configured region, else the one in an MSK bootstrap host name, else the SDK's default chain. */
  public static Region region(LagMetricsConfig config) {
    Optional<String> configured = config.cloudWatchRegion();
    if (configured.isPresent()) {
      return Region.of(configured.get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new ConfigException(LagMetricsConfig.CLOUDWATCH_REGION_CONFIG, "",
          "No AWS region: set " + LagMetricsConfig.CLOUDWATCH_REGION_CONFIG + " (it is not in "
              + LagMetricsConfig.BOOTSTRAP_CONFIG + " and the SDK's default region chain found none)");
    }
  }
}
