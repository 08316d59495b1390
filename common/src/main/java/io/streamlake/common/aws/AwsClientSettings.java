package io.streamlake.common.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every component builds its AWS SDK v2 clients (S3, Glue, CloudWatch, Secrets Manager, SSM), once: the Apache
 * HTTP client (the one in the ZIP), a connection timeout of at most 10 s and a socket and per-attempt timeout, so
 * that no call can hang a task or a converter, and the SDK's own retries off, because each component retries with
 * common's {@code Retrier} (one policy, a deadline or attempt limit, a WARN per retry).
 */
public final class AwsClientSettings {

  /** The per-attempt timeout of components that have no option for it. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private AwsClientSettings() {}

  /**
   * Configures {@code builder}: region, credentials (which stay the caller's to close), the endpoint override when
   * present, HTTP client, timeouts and no SDK retries. The caller adds service-specific settings and builds.
   */
  public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(B builder,
      Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint, Duration timeout) {
    builder.region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(httpClient(timeout))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(timeout)
            .build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  /** The HTTP client builder with these timeouts (for a client that signs its own requests). */
  public static ApacheHttpClient.Builder httpClient(Duration timeout) {
    return ApacheHttpClient.builder()
        .connectionTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
        .socketTimeout(timeout);
  }

  /** A built HTTP client with these timeouts; the caller closes it. */
  public static SdkHttpClient buildHttpClient(Duration timeout) {
    return httpClient(timeout).build();
  }
}
