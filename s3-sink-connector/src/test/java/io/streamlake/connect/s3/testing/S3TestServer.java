package io.streamlake.connect.s3.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An in-process S3-compatible endpoint (s3proxy) on a free loopback port, with a client to inspect it.
 * Stopped by {@link #close()}.
 */
@SuppressWarnings("try")
public final class S3TestServer implements AutoCloseable {

  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key";

  private final S3Proxy proxy;
  private final S3Client client;
  private final URI endpoint;

  private S3TestServer(S3Proxy proxy) throws Exception {
    this.proxy = proxy;
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    this.client = S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** Objects kept in memory. */
  public static S3TestServer inMemory() throws Exception {
    return new S3TestServer(builder().blobStore(new TransientNio2BlobStore()).build());
  }

  /** Objects stored as files under {@code dir/bucket/key}. */
  public static S3TestServer onDisk(Path dir) throws Exception {
    return new S3TestServer(builder().blobStore(new FilesystemNio2BlobStore(dir.toString())).build());
  }

  private static S3Proxy.Builder builder() {
    return S3Proxy.builder()
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.NONE, null, null);
  }

  public URI endpoint() {
    return endpoint;
  }

  /** The sink settings that point a connector at this server and one of its buckets, with its credentials. */
  public Map<String, String> sinkSettings(String bucket) {
    return Map.of("s3.bucket.name", bucket, "s3.region", "us-east-1", "store.url", endpoint().toString(),
        "aws.access.key.id", ACCESS_KEY, "aws.secret.access.key", SECRET_KEY);
  }

  public S3Client client() {
    return client;
  }

  public void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  /** Every key under {@code prefix}, sorted. */
  public List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      keys.add(object.key());
    }
    keys.sort(String::compareTo);
    return keys;
  }

  public byte[] get(String bucket, String key) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
  }
}
