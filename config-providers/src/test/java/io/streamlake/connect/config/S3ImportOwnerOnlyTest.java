package io.streamlake.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imported object (a key store) is readable by the worker's user only while it is being written, not just after:
 * an S3 stand-in on 127.0.0.1 (plain HTTP, any GetObject answered with one fixed body) sends half the body and holds
 * the rest until the test has looked at the partly written file and its directories. The permission assertions run
 * on POSIX file systems only.
 */
class S3ImportOwnerOnlyTest {

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final byte[] BODY = "key-store-bytes-".repeat(4096).getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path tempDir;

  private final CountDownLatch halfSent = new CountDownLatch(1);
  private final CountDownLatch sendRest = new CountDownLatch(1);
  private final ExecutorService resolver = Executors.newSingleThreadExecutor();
  private HttpServer stalling;
  private S3ImportConfigProvider provider;

  @BeforeEach
  void start() throws IOException {
    stalling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stalling.createContext("/", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().add("ETag", "\"stand-in\"");
        exchange.sendResponseHeaders(200, BODY.length);
        OutputStream out = exchange.getResponseBody();
        out.write(BODY, 0, BODY.length / 2);
        out.flush();
        halfSent.countDown();
        if (!sendRest.await(30, TimeUnit.SECONDS)) {
          return;
        }
        out.write(BODY, BODY.length / 2, BODY.length - BODY.length / 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stalling.start();
    provider = new S3ImportConfigProvider();
    provider.configure(Map.of("region", "us-east-1",
        "endpoint", "http://127.0.0.1:" + stalling.getAddress().getPort(), "path.style.access", "true",
        "local.dir", tempDir.resolve("imports").toString(), "aws.access.key.id", "STANDINKEY",
        "aws.secret.access.key", "stand-in-secret", "retry.backoff.ms", "1"));
  }

  @AfterEach
  void stop() {
    sendRest.countDown();
    resolver.shutdownNow();
    provider.close();
    stalling.stop(0);
  }

  @Test
  void theCopyAndItsDirectoriesAreOwnerOnlyDuringAndAfterTheImport() throws Exception {
    String key = "certs-bucket/kafka/keystore.jks";
    Future<Map<String, String>> resolved = resolver.submit(() -> provider.get("", Set.of(key)).data());
    assertThat(halfSent.await(30, TimeUnit.SECONDS)).as("the stand-in sent half the object").isTrue();
    Path dir = tempDir.resolve("imports/certs-bucket/kafka");
    Path part = awaitPartlyWritten(dir);
    List<Path> dirs = List.of(tempDir.resolve("imports"), tempDir.resolve("imports/certs-bucket"), dir);
    if (POSIX) {
      assertThat(permissions(part)).as("the partly written " + part.getFileName()).isEqualTo("rw-------");
      dirs.forEach(d -> assertThat(permissions(d)).as(d.toString()).isEqualTo("rwx------"));
    }
    sendRest.countDown();
    Path file = Path.of(resolved.get(30, TimeUnit.SECONDS).get(key));
    assertThat(file).isEqualTo(dir.resolve("keystore.jks"));
    assertThat(Files.readAllBytes(file)).isEqualTo(BODY);
    if (POSIX) {
      assertThat(permissions(file)).isEqualTo("rw-------");
      dirs.forEach(d -> assertThat(permissions(d)).as(d.toString()).isEqualTo("rwx------"));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file left").containsExactly(file);
    }
  }

  @Test
  void existingDirectoriesOfAnEarlierCopyAreMadeOwnerOnly() throws Exception {
    Path dir = tempDir.resolve("imports/certs-bucket/kafka");
    Files.createDirectories(dir);
    if (POSIX) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    sendRest.countDown();
    Path file = Path.of(provider.get("", Set.of("certs-bucket/kafka/keystore.jks")).data()
        .get("certs-bucket/kafka/keystore.jks"));
    assertThat(Files.readAllBytes(file)).isEqualTo(BODY);
    if (POSIX) {
      assertThat(permissions(dir)).isEqualTo("rwx------");
      assertThat(permissions(dir.getParent())).isEqualTo("rwx------");
      assertThat(permissions(file)).isEqualTo("rw-------");
    }
  }

  private static Path awaitPartlyWritten(Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          Path part = files.filter(f -> f.getFileName().toString().endsWith(".part")).findFirst().orElse(null);
          if (part != null && Files.size(part) > 0) {
            return part;
          }
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no partly written .part file appeared in " + dir);
  }

  private static String permissions(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
