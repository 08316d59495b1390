package io.streamlake.deploy.iam;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of the in-process S3 endpoint that records every request passing through it: the sink's
 * {@code store.url} points here, so the recording holds exactly the sink's S3 calls. It answers PutObjectTagging
 * itself (200, as S3 does) and drops the x-amz-tagging header of a PUT, since s3proxy implements neither.
 * Binds 127.0.0.1 on a free port; {@link #close()} stops it.
 */
final class RecordingS3Proxy implements AutoCloseable {

  /** Headers the JDK client sets itself (or refuses), and hop-by-hop headers. */
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
      "upgrade", "transfer-encoding", "keep-alive", "date");

  /** Recorded but not forwarded: s3proxy answers 501 to a PUT carrying tags; S3 would store them. */
  private static final String TAGGING_HEADER = "x-amz-tagging";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI target;
  private final List<S3Call> calls = new CopyOnWriteArrayList<>();

  private RecordingS3Proxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  static RecordingS3Proxy start(URI target) throws IOException {
    return new RecordingS3Proxy(target);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<S3Call> calls() {
    return List.copyOf(calls);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String method = exchange.getRequestMethod();
      calls.add(S3Call.parse(method, uri.getRawPath(), uri.getRawQuery(),
          exchange.getRequestHeaders().containsKey(TAGGING_HEADER)));
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (method.equals("PUT") && uri.getRawQuery() != null && uri.getRawQuery().startsWith("tagging")) {
        exchange.sendResponseHeaders(200, -1); // s3proxy does not implement PutObjectTagging (501): S3's answer
        return;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
          .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!NOT_FORWARDED.contains(lower) && !lower.equals(TAGGING_HEADER)) {
          values.forEach(v -> request.header(name, v));
        }
      });
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      response.headers().map().forEach((name, values) -> {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!NOT_FORWARDED.contains(lower) && !lower.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] out = response.body();
      boolean noBody = method.equals("HEAD") || out.length == 0;
      exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : out.length);
      if (!noBody) {
        try (OutputStream stream = exchange.getResponseBody()) {
          stream.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
