package io.streamlake.connect.s3.storage;

import io.streamlake.common.aws.AwsClientSettings;
import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.common.retry.Sleeper;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.config.SseAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** Builds the S3 client and {@link ObjectStore} from the sink's configuration. */
public final class S3Stores {

  private S3Stores() {}

  /** The store; {@link S3Client#close()} is the caller's job through {@link Handle#close()}. */
  public static Handle create(S3SinkConfig config) {
    Region region = Region.of(config.getString(S3SinkConfig.S3_REGION_CONFIG));
    CredentialSettings.Provider credentials = config.credentials().provider(region);
    S3Client client = client(region, credentials, config.getString(S3SinkConfig.STORE_URL_CONFIG),
        config.getBoolean(S3SinkConfig.PATH_STYLE_CONFIG), config.getLong(S3SinkConfig.S3_REQUEST_TIMEOUT_CONFIG));
    ObjectStore store = new S3ObjectStore(client, config.getString(S3SinkConfig.S3_BUCKET_CONFIG),
        writeSettings(config), new S3Calls(retrier(config, Sleeper.THREAD)));
    return new Handle(store, () -> {
      client.close();
      credentials.close();
    });
  }

  /**
   * An S3 client as the sink builds it (also used by the S3 source connector): region, credentials, optional
   * custom endpoint ({@code store.url}, blank for AWS), path-style access and per-request timeout. The SDK's own
   * retries are off: callers retry through {@link S3Calls}, so one policy and one deadline decide.
   */
  public static S3Client client(Region region, CredentialSettings.Provider credentials, String endpoint,
      boolean pathStyle, long requestTimeoutMs) {
    return AwsClientSettings.configure(S3Client.builder(), region, credentials,
            endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint)),
            Duration.ofMillis(requestTimeoutMs))
        .forcePathStyle(pathStyle)
        .build();
  }

  static S3ObjectStore.S3WriteSettings writeSettings(S3SinkConfig config) {
    SseAlgorithm sse = config.sseAlgorithm();
    Optional<ServerSideEncryption> encryption = switch (sse) {
      case NONE -> Optional.empty();
      case AES256 -> Optional.of(ServerSideEncryption.AES256);
      case KMS -> Optional.of(ServerSideEncryption.AWS_KMS);
    };
    String kmsKey = config.getString(S3SinkConfig.SSE_KMS_KEY_CONFIG);
    String acl = config.getString(S3SinkConfig.ACL_CANNED_CONFIG);
    String storageClass = config.getString(S3SinkConfig.OBJECT_STORAGE_CLASS_CONFIG);
    return new S3ObjectStore.S3WriteSettings(encryption,
        kmsKey.isBlank() ? Optional.empty() : Optional.of(kmsKey),
        acl.isBlank() ? Optional.empty() : Optional.of(ObjectCannedACL.fromValue(acl)),
        storageClass.isBlank() ? Optional.empty() : Optional.of(StorageClass.fromValue(storageClass)));
  }

  /**
   * The retrier of every S3 call: S3's error codes and statuses decide what is transient; back-off
   * doubles from s3.retry.backoff.ms up to s3.retry.max.backoff.ms with equal jitter (a wait drawn in
   * [c/2, c] for a ceiling c, so a retry never comes much sooner than planned); gives up when the next wait
   * would end past s3.retry.deadline.ms.
   */
  public static Retrier retrier(S3SinkConfig config, Sleeper sleeper) {
    return retrier(config.getLong(S3SinkConfig.RETRY_BACKOFF_CONFIG),
        config.getLong(S3SinkConfig.RETRY_MAX_BACKOFF_CONFIG), config.getLong(S3SinkConfig.RETRY_DEADLINE_CONFIG),
        sleeper);
  }

  /** The same retrier from the three {@code s3.retry.*} values (the S3 source connector has the same keys). */
  public static Retrier retrier(long backoffMs, long maxBackoffMs, long deadlineMs, Sleeper sleeper) {
    Backoff backoff = Backoff.of(backoffMs, maxBackoffMs, Jitter.EQUAL);
    RetryPolicy policy = RetryPolicy.withDeadline(backoff, deadlineMs);
    return new Retrier(policy, new S3ErrorClassifier(), System::currentTimeMillis, sleeper);
  }

  /** A store and what to close when the task stops. */
  public record Handle(ObjectStore store, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }
}
