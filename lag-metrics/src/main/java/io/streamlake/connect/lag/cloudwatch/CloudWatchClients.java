package io.streamlake.connect.lag.cloudwatch;

import io.streamlake.connect.lag.config.LagMetricsConfig;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

/** Builds the CloudWatch client from the cloudwatch.* and aws.* options. SDK retries are off: the publisher retries. */
public final class CloudWatchClients {

  private CloudWatchClients() {}

  public static CloudWatchClient create(LagMetricsConfig config) {
    CloudWatchClientBuilder builder = CloudWatchClient.builder()
        .httpClientBuilder(ApacheHttpClient.builder())
        .region(region(config))
        .credentialsProvider(credentials(config))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    config.cloudWatchEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static Region region(LagMetricsConfig config) {
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

  private static AwsCredentialsProvider credentials(LagMetricsConfig config) {
    if (config.accessKeyId().isBlank()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey().value()));
  }
}
