package io.streamlake.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A real Kafka Connect worker (distributed mode, the mode MSK Connect runs) in this process, with the plugin ZIP
 * unpacked on its {@code plugin.path} and {@code plugin.discovery=service_load}, and its REST API on a free
 * loopback port. Connectors are created and watched through that REST API, as an operator would.
 */
public final class LocalWorker implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connect connect;
  private final URI rest;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalWorker(Connect connect, URI rest) {
    this.connect = connect;
    this.rest = rest;
  }

  /**
   * Starts the worker in Connect group {@code group} (its internal topics are named after it). {@code replicationFactor} applies to its internal topics (1 for the embedded broker, -1
   * for the broker default); {@code extra} are further worker settings (client security for a real cluster).
   */
  public static LocalWorker start(String bootstrapServers, String group, Path pluginPath, int replicationFactor,
      Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", group);
    props.put("config.storage.topic", group + "-configs");
    props.put("offset.storage.topic", group + "-offsets");
    props.put("status.storage.topic", group + "-status");
    props.put("config.storage.replication.factor", String.valueOf(replicationFactor));
    props.put("offset.storage.replication.factor", String.valueOf(replicationFactor));
    props.put("status.storage.replication.factor", String.valueOf(replicationFactor));
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "true");
    props.put("offset.flush.interval.ms", "2000");
    props.put("plugin.path", pluginPath.toString());
    props.put("plugin.discovery", "service_load");
    props.put("listeners", "http://127.0.0.1:0");
    props.put("rest.advertised.host.name", "127.0.0.1");
    // as deploy/worker/msk-connect-worker.properties: no client overrides, the sink consumers' session settings here
    props.put("connector.client.config.override.policy", "None");
    props.put("consumer.session.timeout.ms", "10000");
    props.put("consumer.heartbeat.interval.ms", "3000");
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.putAll(extra);
    ClassLoader caller = Thread.currentThread().getContextClassLoader();
    try {
      Connect connect = new ConnectDistributed().startConnect(props);
      return new LocalWorker(connect, connect.rest().serverUrl());
    } finally {
      // starting a worker swaps in Connect's delegating class loader; the CLI keeps its own
      Thread.currentThread().setContextClassLoader(caller);
    }
  }

  public URI rest() {
    return rest;
  }

  /** Creates (or updates) a connector: {@code PUT /connectors/<name>/config}. */
  public void putConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/config"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
    if (response.statusCode() >= 300) {
      throw new IOException("the worker refused connector " + name + " (HTTP " + response.statusCode() + "): "
          + message(response.body()));
    }
  }

  /**
   * Waits until the connector and all its tasks run; returns the task count.
   *
   * @throws IOException when the connector or a task failed (with the worker's trace), or on timeout
   */
  public int awaitRunning(String name, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no status yet";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/status"))
          .GET());
      if (response.statusCode() == 200) {
        JsonNode status = JSON.readTree(response.body());
        String state = status.path("connector").path("state").asText();
        if ("FAILED".equals(state)) {
          throw new IOException("connector " + name + " failed: " + trace(status.path("connector")));
        }
        JsonNode tasks = status.path("tasks");
        boolean allRunning = tasks.size() > 0;
        for (JsonNode task : tasks) {
          if ("FAILED".equals(task.path("state").asText())) {
            throw new IOException("task " + task.path("id").asText() + " of connector " + name + " failed: "
                + trace(task));
          }
          allRunning &= "RUNNING".equals(task.path("state").asText());
        }
        // Task statuses appear one by one: all have started only when there is one per task config.
        if ("RUNNING".equals(state) && allRunning && tasks.size() == taskConfigCount(name)) {
          return tasks.size();
        }
        last = "connector " + state + ", " + tasks.size() + " task(s)";
      }
      Thread.sleep(250);
    }
    throw new IOException("connector " + name + " did not start within " + timeout.toSeconds() + " s (" + last
        + ")");
  }

  /** How many task configs the connector has ({@code GET /connectors/<name>/tasks}); -1 when not known yet. */
  private int taskConfigCount(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/tasks"))
        .GET());
    return response.statusCode() == 200 ? JSON.readTree(response.body()).size() : -1;
  }

  /** The failure of a running connector or task, or null while all run. */
  public String failure(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/status"))
        .GET());
    if (response.statusCode() != 200) {
      return null;
    }
    JsonNode status = JSON.readTree(response.body());
    if ("FAILED".equals(status.path("connector").path("state").asText())) {
      return "connector " + name + " failed: " + trace(status.path("connector"));
    }
    for (JsonNode task : status.path("tasks")) {
      if ("FAILED".equals(task.path("state").asText())) {
        return "task " + task.path("id").asText() + " of " + name + " failed: " + trace(task);
      }
    }
    return null;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
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

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }
}
