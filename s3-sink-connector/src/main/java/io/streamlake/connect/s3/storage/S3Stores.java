package io.streamlake.connect.s3.storage;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.config.SseAlgorithm;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Builds the S3 client and {@link ObjectStore} from the sink's configuration. */
public final class S3Stores {

  private S3Stores() {}

  /** The store; {@link S3Client#close()} is the caller's job through {@link Handle#close()}. */
  public static Handle create(S3SinkConfig config) {
    Region region = Region.of(config.getString(S3SinkConfig.S3_REGION_CONFIG));
    AwsCredentialsProvider credentials = credentials(config, region);
    long timeout = config.getLong(S3SinkConfig.S3_REQUEST_TIMEOUT_CONFIG);
    var builder = S3Client.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofMillis(Math.min(timeout, 10_000L)))
            .socketTimeout(Duration.ofMillis(timeout)))
        // Retries are ours (Retrier): one policy, a deadline, and a WARN per retry.
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(Duration.ofMillis(timeout))
            .build())
        .forcePathStyle(config.getBoolean(S3SinkConfig.PATH_STYLE_CONFIG));
    String endpoint = config.getString(S3SinkConfig.STORE_URL_CONFIG);
    if (!endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    S3Client client = builder.build();
    RetryPolicy policy = new RetryPolicy(config.getLong(S3SinkConfig.RETRY_BACKOFF_CONFIG),
        config.getLong(S3SinkConfig.RETRY_MAX_BACKOFF_CONFIG), config.getLong(S3SinkConfig.RETRY_DEADLINE_CONFIG));
    Retrier retrier = new Retrier(policy, Clock.systemUTC(), Thread::sleep);
    ObjectStore store = new S3ObjectStore(client, config.getString(S3SinkConfig.S3_BUCKET_CONFIG),
        writeSettings(config), retrier);
    return new Handle(store, () -> {
      client.close();
      if (credentials instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // closing a credentials provider cannot lose data
        }
      }
    });
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

  private static AwsCredentialsProvider credentials(S3SinkConfig config, Region region) {
    String accessKey = config.getString(S3SinkConfig.ACCESS_KEY_CONFIG);
    AwsCredentialsProvider base = accessKey.isBlank()
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, config.secretKey().value()));
    String roleArn = config.getString(S3SinkConfig.STS_ROLE_ARN_CONFIG);
    if (roleArn.isBlank()) {
      return base;
    }
    String externalId = config.getPassword(S3SinkConfig.STS_EXTERNAL_ID_CONFIG).value();
    StsClient sts = StsClient.builder().region(region).credentialsProvider(base).build();
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(r -> {
          r.roleArn(roleArn).roleSessionName(config.getString(S3SinkConfig.STS_SESSION_NAME_CONFIG));
          if (!externalId.isBlank()) {
            r.externalId(externalId);
          }
        })
        .build();
  }

  /** A store and what to close when the task stops. */
  public record Handle(ObjectStore store, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }
}
