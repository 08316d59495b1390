package io.streamlake.connect.lag.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * An in-process CloudWatch endpoint on 127.0.0.1 (free port) that decodes PutMetricData requests (AWS Query
 * protocol: a form-encoded POST, gzip when the SDK compresses it) and answers 200 with a
 * PutMetricDataResponse, or with scripted errors queued by {@link #failNext}.
 */
public final class FakeCloudWatch implements AutoCloseable {

  /** One datum as CloudWatch received it. */
  public record Datum(String metricName, Map<String, String> dimensions, double value, String unit,
      String timestamp, String storageResolution) {
  }

  /** One decoded request: namespace, datums and the size of its (uncompressed) form body in bytes. */
  public record Request(String namespace, List<Datum> datums, int bodyBytes, int wireBytes) {
  }

  private record Failure(int status, String code) {
  }

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Failure> failures = new ArrayDeque<>();
  private int attempts;

  public FakeCloudWatch() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code times} requests fail with this HTTP status and AWS error code. */
  public synchronized void failNext(int times, int status, String code) {
    for (int i = 0; i < times; i++) {
      failures.add(new Failure(status, code));
    }
  }

  /** Successfully received requests, in arrival order. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Every request received, failed ones included. */
  public synchronized int attempts() {
    return attempts;
  }

  public List<Datum> datums() {
    return requests().stream().flatMap(r -> r.datums().stream()).toList();
  }

  public void clear() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] wire = exchange.getRequestBody().readAllBytes();
    byte[] body = wire;
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && encoding.contains("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
        body = in.readAllBytes();
      }
    }
    Failure failure;
    synchronized (this) {
      attempts++;
      failure = failures.poll();
    }
    if (failure != null) {
      respond(exchange, failure.status(), "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
          + "<Error><Type>Sender</Type><Code>" + failure.code() + "</Code><Message>scripted " + failure.code()
          + "</Message></Error><RequestId>fake-error</RequestId></ErrorResponse>");
      return;
    }
    Map<String, String> form = decode(new String(body, StandardCharsets.UTF_8));
    if (!"PutMetricData".equals(form.get("Action"))) {
      respond(exchange, 400, "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>");
      return;
    }
    requests.add(new Request(form.get("Namespace"), datums(form), body.length, wire.length));
    respond(exchange, 200, "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
        + "<ResponseMetadata><RequestId>fake-ok</RequestId></ResponseMetadata></PutMetricDataResponse>");
  }

  private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.getResponseHeaders().add("x-amzn-RequestId", "fake");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> decode(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(key, value);
    }
    return form;
  }

  private static List<Datum> datums(Map<String, String> form) {
    Map<Integer, Map<String, String>> members = new TreeMap<>();
    String prefix = "MetricData.member.";
    for (Map.Entry<String, String> entry : form.entrySet()) {
      if (!entry.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = entry.getKey().substring(prefix.length());
      int dot = rest.indexOf('.');
      members.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), i -> new LinkedHashMap<>())
          .put(rest.substring(dot + 1), entry.getValue());
    }
    List<Datum> out = new ArrayList<>();
    for (Map<String, String> fields : members.values()) {
      Map<String, String> dims = new LinkedHashMap<>();
      for (int d = 1; fields.containsKey("Dimensions.member." + d + ".Name"); d++) {
        dims.put(fields.get("Dimensions.member." + d + ".Name"), fields.get("Dimensions.member." + d + ".Value"));
      }
      out.add(new Datum(fields.get("MetricName"), dims, Double.parseDouble(fields.get("Value")), fields.get("Unit"),
          fields.get("Timestamp"), fields.get("StorageResolution")));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
