package io.streamlake.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible endpoint in this JVM (s3proxy) on a loopback port, keeping objects in memory or as plain files
 * under {@code <dir>/<bucket>/<key>} (which any Parquet tool opens). It checks no credentials: any access key works
 * ({@link #ACCESS_KEY}/{@link #SECRET_KEY} are placeholders, not secrets); clients use path-style addressing. The
 * inspection methods ({@link #keys}, {@link #get}) read the store directly, not over HTTP.
 */
public final class S3Endpoint implements AutoCloseable {

  /** Placeholder credentials for clients that insist on some; the endpoint checks none. */
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key";

  private final S3Proxy proxy;
  private final BlobStore store;
  private final URI endpoint;
  private final Path dataDir;

  private S3Endpoint(S3Proxy proxy, BlobStore store, Path dataDir) {
    this.proxy = proxy;
    this.store = store;
    this.dataDir = dataDir;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Objects kept in memory, on a free port. */
  public static S3Endpoint inMemory() {
    return start(new TransientNio2BlobStore(), null, 0);
  }

  /** Objects stored as files under {@code dir/bucket/key}, on a free port. */
  public static S3Endpoint onDisk(Path dir) {
    return onDisk(dir, 0);
  }

  /** Objects stored as files under {@code dir/bucket/key}, on {@code port} of 127.0.0.1 (0: a free one). */
  public static S3Endpoint onDisk(Path dir, int port) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return start(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()), dir, port);
  }

  private static S3Endpoint start(BlobStore store, Path dataDir, int port) {
    S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.NONE, null, null).build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the S3 endpoint did not start: " + proxy.getState());
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      stopQuietly(proxy);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException("the S3 endpoint did not start", e);
    }
    return new S3Endpoint(proxy, store, dataDir);
  }

  /** {@code http://127.0.0.1:port}. */
  public URI endpoint() {
    return endpoint;
  }

  /** Where objects are stored as files; null for an in-memory endpoint. */
  public Path dataDir() {
    return dataDir;
  }

  /** Creates the bucket unless it exists (names shorter than 3 characters are refused later as "no such bucket"). */
  public void createBucket(String bucket) {
    if (!store.containerExists(bucket)) {
      store.createContainer(bucket);
    }
  }

  /** Every key under {@code prefix}, sorted. */
  public List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    String token = null;
    String after = null;
    while (true) {
      ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
      if (token != null) {
        request.continuationToken(token);
      } else if (after != null) {
        request.startAfter(after);
      }
      ListObjectsV2Response page = store.list(request.build());
      for (S3Object object : page.contents()) {
        keys.add(object.key());
      }
      if (!Boolean.TRUE.equals(page.isTruncated()) || page.contents().isEmpty()) {
        break;
      }
      token = page.nextContinuationToken();
      after = page.contents().get(page.contents().size() - 1).key();
    }
    keys.sort(String::compareTo);
    return keys;
  }

  /** The bytes of an object; an {@link IllegalStateException} if there is none (yet). */
  public byte[] get(String bucket, String key) {
    try (InputStream in = store.getBlob(GetObjectRequest.builder().bucket(bucket).key(key).build())) {
      if (in == null) {
        throw new IllegalStateException("no object " + key + " in bucket " + bucket);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + key + " from bucket " + bucket, e);
    }
  }

  /** The S3 sink settings that point a connector at this endpoint and one of its buckets. */
  public Map<String, String> sinkSettings(String bucket) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("s3.bucket.name", bucket);
    settings.put("s3.region", "us-east-1");
    settings.put("store.url", endpoint.toString());
    settings.put("aws.access.key.id", ACCESS_KEY);
    settings.put("aws.secret.access.key", SECRET_KEY);
    return settings;
  }

  @Override
  public void close() {
    stopQuietly(proxy);
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the S3 endpoint failed", e);
    }
  }
}
