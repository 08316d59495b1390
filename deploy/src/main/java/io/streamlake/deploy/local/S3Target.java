package io.streamlake.deploy.local;

import io.streamlake.kit.S3Endpoint;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Where the demo's sink writes: the in-process endpoint (any credentials work, path-style) or a real bucket
 * reached with the default AWS credential chain. Knows the settings a connector needs to reach it and gives the
 * demo a client to watch the bucket.
 */
public final class S3Target implements AutoCloseable {

  /** Placeholder credentials for the in-process endpoint, which checks none. Not a secret. */
  static final String LOCAL_ACCESS_KEY = "streamlake-local";
  static final String LOCAL_SECRET_KEY = "streamlake-local";

  private final String bucket;
  private final String region;
  private final URI endpoint;
  private final boolean local;
  private final S3Client client;

  private S3Target(String bucket, String region, URI endpoint, boolean local) {
    this.bucket = bucket;
    this.region = region;
    this.endpoint = endpoint;
    this.local = local;
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(region));
    if (endpoint != null) {
      builder.endpointOverride(endpoint).forcePathStyle(true);
    }
    builder.credentialsProvider(local
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY))
        : DefaultCredentialsProvider.builder().build());
    this.client = builder.build();
  }

  /** The in-process endpoint; creates the bucket. */
  public static S3Target local(S3Endpoint endpoint, String bucket, String region) {
    endpoint.createBucket(bucket); // kept from an earlier run with --keep-data, or new
    return new S3Target(bucket, region, endpoint.endpoint(), true);
  }

  /** A real bucket (or an S3-compatible store at {@code endpoint}); it must exist. */
  public static S3Target remote(String bucket, String region, URI endpoint) {
    S3Target target = new S3Target(bucket, region, endpoint, false);
    target.client.headBucket(b -> b.bucket(bucket));
    return target;
  }

  /** The settings that point an S3 sink connector at this target. */
  public Map<String, String> sinkSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("s3.bucket.name", bucket);
    settings.put("s3.region", region);
    if (endpoint != null) {
      settings.put("store.url", endpoint.toString());
      settings.put("s3.path.style.access.enabled", "true");
    }
    if (local) {
      settings.put("aws.access.key.id", LOCAL_ACCESS_KEY);
      settings.put("aws.secret.access.key", LOCAL_SECRET_KEY);
    }
    return settings;
  }

  public String bucket() {
    return bucket;
  }

  public URI endpoint() {
    return endpoint;
  }

  public boolean isLocal() {
    return local;
  }

  public S3Client client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
