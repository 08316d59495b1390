package io.streamlake.connect.s3.source.listing;

import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.retry.Sleeper;
import io.streamlake.connect.s3.source.config.S3SourceConfig;
import io.streamlake.connect.s3.storage.S3Calls;
import io.streamlake.connect.s3.storage.S3Stores;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Opens the {@link LakeStore} of a configuration; the connector and the task take one as a constructor argument. */
@FunctionalInterface
public interface LakeStores {

  Handle open(S3SourceConfig config);

  /** The S3 store, with the client the sink builds and the sink's retrier ({@code s3.retry.*}). */
  LakeStores S3 = config -> {
    Region region = Region.of(config.getString(S3SourceConfig.S3_REGION_CONFIG));
    CredentialSettings.Provider credentials = config.credentials().provider(region);
    S3Client client = S3Stores.client(region, credentials, config.getString(S3SourceConfig.STORE_URL_CONFIG),
        config.getBoolean(S3SourceConfig.PATH_STYLE_CONFIG), config.getLong(S3SourceConfig.S3_REQUEST_TIMEOUT_CONFIG));
    S3Calls calls = new S3Calls(S3Stores.retrier(config.getLong(S3SourceConfig.RETRY_BACKOFF_CONFIG),
        config.getLong(S3SourceConfig.RETRY_MAX_BACKOFF_CONFIG), config.getLong(S3SourceConfig.RETRY_DEADLINE_CONFIG),
        Sleeper.THREAD));
    return new Handle(new S3LakeStore(client, config.getString(S3SourceConfig.S3_BUCKET_CONFIG), calls), () -> {
      client.close();
      credentials.close();
    });
  };

  /** A store and what to close with it. */
  record Handle(LakeStore store, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }
}
