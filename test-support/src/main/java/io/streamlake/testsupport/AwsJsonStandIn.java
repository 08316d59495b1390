package io.streamlake.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in, for tests only, for an AWS service that speaks the AWS JSON 1.1 protocol (Glue, Secrets Manager,
 * SSM Parameter Store, ...): an HTTP server on a free 127.0.0.1 port. The SDK sends every call as
 * {@code POST /} with the header {@code X-Amz-Target: <service prefix>.<Operation>} and a JSON body; the
 * stand-in hands the parsed body to the handler registered for that target and answers 200 with the handler's
 * result as JSON, or, when the handler throws {@link AwsError}, with that status and a
 * {@code {"__type": ..., "message": ...}} body (what the SDK turns into the service's modelled exception).
 *
 * <p>It checks nothing of SigV4 but records, per call, the access key id named in the {@code Authorization}
 * header, so a test can assert which credentials a client used. A target with no handler answers 400
 * {@code UnknownOperationException} and is recorded too: a test can assert no unexpected call was made.
 * Scripted failures ({@link #failNext}) are answered before the handler runs, and {@link #injectedFailures()}
 * counts how many were served, so a fault test can assert its faults were injected.
 */
public final class AwsJsonStandIn implements AutoCloseable {

  /** A handler's answer to one call: any Jackson-serialisable value (a Map, a record, a JsonNode). */
  @FunctionalInterface
  public interface Handler {
    Object handle(JsonNode request);
  }

  /** One call as the stand-in received it. */
  public record Call(String target, JsonNode body, String accessKeyId) {

    /** The operation part of the target ({@code GetSecretValue} of {@code secretsmanager.GetSecretValue}). */
    public String operation() {
      int dot = target.lastIndexOf('.');
      return dot < 0 ? target : target.substring(dot + 1);
    }
  }

  /** An AWS error answer: HTTP status, the error type (e.g. {@code EntityNotFoundException}) and message. */
  public static final class AwsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;

    public AwsError(int status, String type, String message) {
      super(message);
      this.status = status;
      this.type = type;
    }

    public int status() {
      return status;
    }

    public String type() {
      return type;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

  private final String service;
  private final HttpServer server;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Deque<AwsError> failures = new ArrayDeque<>();
  private int injected;

  private AwsJsonStandIn(String service, HttpServer server) {
    this.service = service;
    this.server = server;
  }

  /** Starts a stand-in on a free 127.0.0.1 port; {@code service} only names it in messages. */
  public static AwsJsonStandIn start(String service) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      AwsJsonStandIn standIn = new AwsJsonStandIn(service, server);
      server.createContext("/", standIn::handle);
      server.start();
      return standIn;
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the " + service + " stand-in", e);
    }
  }

  /** Registers (or replaces) the handler of a full target such as {@code AWSGlue.GetSchemaVersion}. */
  public AwsJsonStandIn on(String target, Handler handler) {
    handlers.put(target, handler);
    return this;
  }

  /** The endpoint to give the SDK client ({@code endpointOverride}). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code times} calls (of any operation) fail with this status and error type. */
  public synchronized void failNext(int times, int status, String type) {
    for (int i = 0; i < times; i++) {
      failures.add(new AwsError(status, type, "injected by the " + service + " stand-in"));
    }
  }

  /** Drops the scripted failures not served yet (a test that injected "until further notice" ends with this). */
  public synchronized void clearFailures() {
    failures.clear();
  }

  /** How many scripted failures have been served. */
  public synchronized int injectedFailures() {
    return injected;
  }

  /** Every call received so far, in order. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The calls of one operation (the part after the dot of the target). */
  public List<Call> calls(String operation) {
    return calls().stream().filter(c -> c.operation().equals(operation)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        byte[] bytes = in.readAllBytes();
        body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      }
      calls.add(new Call(String.valueOf(target), body, accessKeyId(exchange.getRequestHeaders().getFirst("Authorization"))));
      AwsError scripted = nextFailure();
      if (scripted != null) {
        respondError(exchange, scripted);
        return;
      }
      Handler handler = target == null ? null : handlers.get(target);
      if (handler == null) {
        respondError(exchange, new AwsError(400, "UnknownOperationException",
            "The " + service + " stand-in has no handler for " + target));
        return;
      }
      Object answer;
      try {
        answer = handler.handle(body);
      } catch (AwsError e) {
        respondError(exchange, e);
        return;
      } catch (RuntimeException e) {
        respondError(exchange, new AwsError(500, "InternalFailure", "stand-in handler failed: " + e));
        return;
      }
      respond(exchange, 200, JSON.writeValueAsBytes(answer == null ? JSON.createObjectNode() : answer), null);
    }
  }

  private synchronized AwsError nextFailure() {
    AwsError next = failures.poll();
    if (next != null) {
      injected++;
    }
    return next;
  }

  private static void respondError(HttpExchange exchange, AwsError error) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", error.type());
    body.put("message", error.getMessage());
    respond(exchange, error.status(), JSON.writeValueAsBytes(body), error.type());
  }

  private static void respond(HttpExchange exchange, int status, byte[] body, String errorType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "stand-in");
    if (errorType != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String accessKeyId(String authorization) {
    if (authorization == null) {
      return null;
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    return m.find() ? m.group(1) : null;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Small helper for handlers: a JSON error for a missing entity. */
  public static AwsError notFound(String type, String message) {
    return new AwsError(400, type, message);
  }
}
