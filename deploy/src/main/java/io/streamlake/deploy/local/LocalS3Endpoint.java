package io.streamlake.deploy.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible endpoint in this process (s3proxy) on a loopback port, storing every object as a plain file
 * under {@code <dataDir>/<bucket>/<key>}, so the files the sink writes can be opened with any Parquet tool.
 * Accepts any credentials. Stopped by {@link #close()}.
 */
public final class LocalS3Endpoint implements AutoCloseable {

  private final S3Proxy proxy;
  private final URI endpoint;
  private final Path dataDir;

  private LocalS3Endpoint(S3Proxy proxy, URI endpoint, Path dataDir) {
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.dataDir = dataDir;
  }

  /** Starts on {@code port} of 127.0.0.1 (0 picks a free one). */
  public static LocalS3Endpoint start(Path dataDir, int port) throws Exception {
    Files.createDirectories(dataDir);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.NONE, null, null)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException("the local S3 endpoint did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new LocalS3Endpoint(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), dataDir);
  }

  public URI endpoint() {
    return endpoint;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the local S3 endpoint failed", e);
    }
  }
}
