package io.streamlake.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class AwsClientSettingsTest {

  /** A server on 127.0.0.1 that reads every request and never answers. */
  private static final class SilentServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger requests = new AtomicInteger();
    final List<Socket> open = new ArrayList<>();
    final Thread acceptor = new Thread(this::accept, "silent-server");

    SilentServer() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void accept() {
      try {
        while (true) {
          Socket client = socket.accept();
          synchronized (open) {
            open.add(client);
          }
          requests.incrementAndGet();
          InputStream in = client.getInputStream();
          in.read(new byte[8192]); // take the request, say nothing
        }
      } catch (IOException closed) {
        // closed by the test
      }
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (open) {
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }

  @Test
  void aCallThatGetsNoAnswerFailsAfterTheTimeoutWithoutSdkRetries() throws Exception {
    try (SilentServer server = new SilentServer();
        StsClient sts = AwsClientSettings.configure(StsClient.builder(), Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
            Optional.of(server.endpoint()), Duration.ofMillis(500)).build()) {
      long start = System.nanoTime();
      assertThatThrownBy(sts::getCallerIdentity).isInstanceOf(SdkClientException.class);
      long tookMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(tookMs).isBetween(400L, 5_000L);
      assertThat(server.requests.get()).isEqualTo(1); // the SDK did not retry: the component's Retrier does
    }
  }
}
