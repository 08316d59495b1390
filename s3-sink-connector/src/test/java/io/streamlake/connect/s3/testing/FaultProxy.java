package io.streamlake.connect.s3.testing;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP front for the in-process S3 server that injects faults: it fails the n-th request of a kind with
 * 500 or 503 SlowDown, resets the connection, or delays the request past the client's timeout (and then
 * still applies it, as a slow S3 does). Binds to a free port on 127.0.0.1; {@link #close()} stops it.
 */
public final class FaultProxy implements AutoCloseable {

  /** What an S3 request does, told from its method and query. */
  public enum Kind { PUT_OBJECT, PUT_MARKER, CREATE_MULTIPART, UPLOAD_PART, COMPLETE_MULTIPART, GET, HEAD, DELETE, OTHER }

  /** What to do to a matching request. */
  public enum Fault {
    INTERNAL_ERROR_500, SLOW_DOWN_503, CONNECTION_RESET, DELAY_PAST_TIMEOUT,
    /** S3's 400 RequestTimeout: the client's upload was too slow. Transient despite the 4xx. */
    REQUEST_TIMEOUT_400,
    /** 503 PriorRequestNotComplete. */
    PRIOR_REQUEST_NOT_COMPLETE_503,
    /** 403 RequestTimeTooSkewed. */
    CLOCK_SKEW_403,
    /** A CompleteMultipartUpload answered 200 whose body is an InternalError (S3 does this mid-request). */
    OK_200_INTERNAL_ERROR
  }

  private record Rule(Kind kind, Set<Integer> nth, Fault fault) {
  }

  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;
  private final long delayMs;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final Map<Kind, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();

  /** @param delayMs how long {@link Fault#DELAY_PAST_TIMEOUT} holds a request */
  public FaultProxy(URI target, long delayMs) throws IOException {
    this.target = target;
    this.delayMs = delayMs;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Applies {@code fault} to the given occurrences (1-based) of requests of {@code kind}. */
  public FaultProxy fail(Kind kind, Fault fault, Integer... occurrences) {
    rules.add(new Rule(kind, Set.of(occurrences), fault));
    return this;
  }

  /** How many faults the rules ask for in all. */
  public int requested() {
    return rules.stream().mapToInt(rule -> rule.nth().size()).sum();
  }

  /** How many faults were injected, per fault. */
  public Map<Fault, Integer> injected() {
    Map<Fault, Integer> out = new java.util.EnumMap<>(Fault.class);
    injected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public int count(Kind kind) {
    return counts.getOrDefault(kind, new AtomicInteger()).get();
  }

  static Kind classify(String method, String path, String query) {
    String q = query == null ? "" : query;
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "PUT" -> q.contains("partNumber=") ? Kind.UPLOAD_PART
          : path.contains("/_epochs/") ? Kind.PUT_MARKER
          : q.contains("tagging") ? Kind.OTHER : Kind.PUT_OBJECT;
      case "POST" -> q.contains("uploadId=") ? Kind.COMPLETE_MULTIPART
          : q.contains("uploads") ? Kind.CREATE_MULTIPART : Kind.OTHER;
      case "GET" -> Kind.GET;
      case "HEAD" -> Kind.HEAD;
      case "DELETE" -> Kind.DELETE;
      default -> Kind.OTHER;
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Kind kind = classify(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery());
      int n = counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
      Fault fault = null;
      for (Rule rule : rules) {
        if (rule.kind() == kind && rule.nth().contains(n)) {
          fault = rule.fault();
        }
      }
      if (fault != null) {
        injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
        switch (fault) {
          case INTERNAL_ERROR_500 -> {
            error(exchange, 500, "InternalError", "We encountered an internal error. Please try again.");
            return;
          }
          case SLOW_DOWN_503 -> {
            error(exchange, 503, "SlowDown", "Please reduce your request rate.");
            return;
          }
          case REQUEST_TIMEOUT_400 -> {
            error(exchange, 400, "RequestTimeout", "Your socket connection to the server was not read from or"
                + " written to within the timeout period.");
            return;
          }
          case PRIOR_REQUEST_NOT_COMPLETE_503 -> {
            error(exchange, 503, "PriorRequestNotComplete", "Your previous request to create the named bucket"
                + " succeeded and you already own it.");
            return;
          }
          case CLOCK_SKEW_403 -> {
            error(exchange, 403, "RequestTimeTooSkewed", "The difference between the request time and the current"
                + " time is too large.");
            return;
          }
          case OK_200_INTERNAL_ERROR -> {
            error(exchange, 200, "InternalError", "We encountered an internal error. Please try again.");
            return;
          }
          case CONNECTION_RESET -> {
            // No response at all: the server closes the connection under the client.
            return;
          }
          case DELAY_PAST_TIMEOUT -> sleep(delayMs);
        }
      }
      forward(exchange, uri, body);
    } catch (IOException | RuntimeException e) {
      // The client may have gone away (timeouts); nothing to report.
    }
  }

  private void forward(HttpExchange exchange, URI uri, byte[] body) throws IOException {
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.toString() + path))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response.headers().map().forEach((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        values.forEach(v -> exchange.getResponseHeaders().add(name, v));
      }
    });
    byte[] payload = response.body();
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.statusCode(), head || payload.length == 0 ? -1 : payload.length);
    if (!head && payload.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(payload);
      }
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
        + "</Message><RequestId>fault-proxy</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, xml.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(xml);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
