package io.streamlake.connect.config;

import io.streamlake.common.aws.AwsClientSettings;
import io.streamlake.common.aws.CredentialSettings;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The clients of one provider instance: built on first use (a worker configures its providers at start,
 * before any reference is resolved, and may never use one), from the provider's options, with the Apache
 * HTTP client and the SDK's own retries off (the provider's retrier retries). Closes what it built.
 */
final class AwsClients implements AutoCloseable {

  private final ProviderOptions options;
  private final List<AutoCloseable> built = new ArrayList<>();
  private CredentialSettings.Provider credentials;

  AwsClients(ProviderOptions options) {
    this.options = options;
  }

  /** Configures {@code builder} for {@code region} (the options' endpoint and credentials) and builds it. */
  synchronized <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C extends AutoCloseable> C build(
      B builder, Region region) {
    if (credentials == null) {
      credentials = options.credentials().provider(region);
    }
    C client = AwsClientSettings.configure(builder, region, credentials, options.endpoint(),
        AwsClientSettings.DEFAULT_TIMEOUT).build();
    built.add(client);
    return client;
  }

  /** An {@link AwsJsonClient} for {@code region} with the options' endpoint and credentials. */
  synchronized AwsJsonClient json(String signingName, String targetPrefix, Region region) {
    if (credentials == null) {
      credentials = options.credentials().provider(region);
    }
    SdkHttpClient http = AwsClientSettings.buildHttpClient(AwsClientSettings.DEFAULT_TIMEOUT);
    built.add(http);
    return new AwsJsonClient(signingName, targetPrefix, region, options.endpoint(), credentials, http);
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable client : built) {
      try {
        client.close();
      } catch (Exception ignored) {
        // closing a client loses nothing
      }
    }
    built.clear();
    if (credentials != null) {
      credentials.close();
      credentials = null;
    }
  }
}
