package io.streamlake.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

/**
 * A client of one Connect worker's REST API, for what tests and the CLI do with it: create, reconfigure, restart
 * and delete connectors, read their status, wait for their tasks, validate a configuration, list plugins. Answers
 * come back as Connect's own REST entities where it has them. A failed request throws {@link RestException} with
 * the worker's message; a request refused because the worker group is rebalancing (HTTP 409) is tried again for up
 * to 30 s.
 */
public final class ConnectRest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REBALANCE_PATIENCE = Duration.ofSeconds(30);

  private final URI url;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ConnectRest(URI url) {
    String text = url.toString();
    this.url = URI.create(text.endsWith("/") ? text : text + "/");
  }

  /** The worker's REST URL, {@code http://127.0.0.1:port/}. */
  public URI url() {
    return url;
  }

  /** A refused or failed REST request: the HTTP status and the worker's message. */
  public static final class RestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    RestException(String request, int status, String message) {
      super(request + " answered HTTP " + status + ": " + message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Creates the connector or replaces its configuration ({@code PUT /connectors/<name>/config}). */
  public void configureConnector(String name, Map<String, String> config) {
    send("PUT", "connectors/" + encode(name) + "/config", json(config));
  }

  /** Deletes the connector ({@code DELETE /connectors/<name>}). */
  public void deleteConnector(String name) {
    send("DELETE", "connectors/" + encode(name), null);
  }

  /** Restarts the connector, with its tasks if {@code includeTasks}, only failed instances if {@code onlyFailed}. */
  public void restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
    send("POST", "connectors/" + encode(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed,
        "");
  }

  /** The connector's and its tasks' states ({@code GET /connectors/<name>/status}). */
  public ConnectorStateInfo connectorStatus(String name) {
    return read(send("GET", "connectors/" + encode(name) + "/status", null), ConnectorStateInfo.class);
  }

  /** The connector's offsets as the worker reports them ({@code GET /connectors/<name>/offsets}). */
  public JsonNode connectorOffsets(String name) {
    return get("connectors/" + encode(name) + "/offsets");
  }

  /**
   * The worker's validation of a configuration ({@code PUT /connector-plugins/<plugin>/config/validate}); {@code
   * plugin} is the connector's class name or its simple name.
   */
  public ConfigInfos validate(String plugin, Map<String, String> config) {
    return read(send("PUT", "connector-plugins/" + encode(plugin) + "/config/validate", json(config)),
        ConfigInfos.class);
  }

  /** Any GET of the REST API ({@code path} relative to the root, e.g. {@code connector-plugins}), as JSON. */
  public JsonNode get(String path) {
    try {
      return JSON.readTree(send("GET", path, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("GET " + path + " did not answer JSON", e);
    }
  }

  /**
   * Waits until the connector and all its tasks run; returns the task count.
   *
   * @throws IllegalStateException when the connector or a task failed (with the worker's trace), or on timeout
   */
  public int awaitRunning(String name, Duration timeout) {
    return awaitRunning(name, -1, timeout);
  }

  /** As {@link #awaitRunning(String, Duration)}, and the connector must run exactly {@code tasks} tasks (-1: any). */
  public int awaitRunning(String name, int tasks, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no status yet";
    while (System.nanoTime() < deadline) {
      JsonNode status = statusOrNull(name);
      if (status != null) {
        String failure = failureOf(name, status);
        if (failure != null) {
          throw new IllegalStateException(failure);
        }
        String state = status.path("connector").path("state").asText();
        int running = 0;
        for (JsonNode task : status.path("tasks")) {
          running += "RUNNING".equals(task.path("state").asText()) ? 1 : 0;
        }
        int listed = status.path("tasks").size();
        // task statuses appear one by one: all have started only when there is one per task config
        if ("RUNNING".equals(state) && listed > 0 && running == listed && listed == taskConfigCount(name)
            && (tasks < 0 || listed == tasks)) {
          return listed;
        }
        last = "connector " + state + ", " + running + " of " + listed + " task(s) running";
      }
      pause(250);
    }
    throw new IllegalStateException("connector " + name + " did not reach RUNNING" + (tasks < 0 ? ""
        : " with exactly " + tasks + " task(s)") + " within " + timeout.toSeconds() + " s (" + last + ")");
  }

  /** The failure of the connector or one of its tasks (first lines of the worker's trace), or null. */
  public String failure(String name) {
    JsonNode status = statusOrNull(name);
    return status == null ? null : failureOf(name, status);
  }

  private JsonNode statusOrNull(String name) {
    try {
      return get("connectors/" + encode(name) + "/status");
    } catch (RestException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static String failureOf(String name, JsonNode status) {
    if ("FAILED".equals(status.path("connector").path("state").asText())) {
      return "connector " + name + " failed: " + trace(status.path("connector"));
    }
    for (JsonNode task : status.path("tasks")) {
      if ("FAILED".equals(task.path("state").asText())) {
        return "task " + task.path("id").asText() + " of connector " + name + " failed: " + trace(task);
      }
    }
    return null;
  }

  private int taskConfigCount(String name) {
    try {
      return get("connectors/" + encode(name) + "/tasks").size();
    } catch (RestException e) {
      return -1;
    }
  }

  /** Whether the worker has joined its group and answers requests that need it ({@code GET /connectors}). */
  boolean ready() {
    try {
      HttpResponse<String> response = http.send(request("GET", "connectors", null), HttpResponse.BodyHandlers
          .ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String send(String method, String path, String body) {
    long deadline = System.nanoTime() + REBALANCE_PATIENCE.toNanos();
    while (true) {
      HttpResponse<String> response;
      try {
        response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException(method + " " + url.resolve(path) + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during " + method + " " + path, e);
      }
      int status = response.statusCode();
      if (status < 300) {
        return response.body();
      }
      if (status != 409 || System.nanoTime() > deadline) {
        throw new RestException(method + " " + path, status, message(response.body()));
      }
      pause(250);
    }
  }

  private HttpRequest request(String method, String path, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(90));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static <T> T read(String body, Class<T> type) {
    try {
      return JSON.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unexpected answer for " + type.getSimpleName() + ": " + body, e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String message(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node.has("message") ? node.get("message").asText() : body;
    } catch (IOException e) {
      return body;
    }
  }

  /** The exception and its causes from a worker trace, without the stack frames. */
  private static String trace(JsonNode status) {
    StringBuilder out = new StringBuilder();
    int kept = 0;
    for (String line : status.path("trace").asText("").split("\n")) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("at ") || text.startsWith("...") || kept >= 8) {
        continue;
      }
      out.append(kept++ == 0 ? "" : "\n    ").append(text);
    }
    return out.toString();
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
