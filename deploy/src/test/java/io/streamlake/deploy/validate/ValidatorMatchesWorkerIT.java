package io.streamlake.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.PluginZip;
import io.streamlake.deploy.local.WorkerSettings;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.KafkaCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The offline validator gives the worker's answers: for each configuration, the options a real worker loading the
 * same ZIP flags through {@code PUT /connector-plugins/<class>/config/validate} are exactly the options
 * {@link OfflineValidator} reports as errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidatorMatchesWorkerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PluginZip plugin;
  private KafkaCluster kafka;
  private ConnectCluster worker;
  private OfflineValidator validator;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws IOException {
    plugin = PluginZip.unpack(DeployFiles.pluginZip());
    validator = new OfflineValidator(plugin.pluginPath());
    kafka = KafkaCluster.start();
    worker = WorkerSettings.start(kafka.bootstrapServers(), "validate-it", plugin.pluginPath(), 1, Map.of());
  }

  @AfterAll
  void stop() {
    if (worker != null) {
      worker.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (plugin != null) {
      plugin.close();
    }
  }

  private Set<String> workerErrors(Map<String, String> config) throws IOException, InterruptedException {
    String plugin = config.get("connector.class");
    URI uri = worker.rest().url().resolve("connector-plugins/" + plugin + "/config/validate");
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Set<String> keys = new TreeSet<>();
    for (JsonNode entry : JSON.readTree(response.body()).path("configs")) {
      if (entry.path("value").path("errors").size() > 0) {
        keys.add(entry.path("value").path("name").asText());
      }
    }
    return keys;
  }

  private Set<String> offlineErrors(ConnectorFile file) {
    Set<String> keys = new TreeSet<>();
    validator.validate(file).findings().stream().filter(Finding::isError).forEach(f -> keys.add(f.key()));
    return keys;
  }

  private void assertSameAnswer(ConnectorFile file) throws IOException, InterruptedException {
    Map<String, String> config = new HashMap<>(file.config());
    config.put("name", file.name());
    assertThat(offlineErrors(file)).as(file.source()).isEqualTo(workerErrors(config));
  }

  private static ConnectorFile example(String name) throws IOException {
    return ConnectorFile.read(DeployFiles.connectors().resolve(name));
  }

  @Test
  void testExamplesAreValidForBoth() throws IOException, InterruptedException {
    for (String name : new String[] {"order-events-s3-parquet.json", "postgres-cdc-s3-parquet.json",
        "consumer-lag-cloudwatch.json", "replay-orders-from-s3.json"}) {
      assertSameAnswer(example(name));
      assertThat(workerErrors(withName(example(name)))).as(name).isEmpty();
    }
  }

  @Test
  void testExactlyOnceRequiredIsAnErrorForAWorkerWithoutExactlyOnceSourceSupport() throws IOException,
      InterruptedException {
    // the one known difference: the worker here (like the kit's worker files) has no exactly.once.source.support,
    // which offline validation cannot know, so it warns where this worker errs
    ConnectorFile required = example("replay-orders-from-s3.json").with(Map.of("exactly.once.support", "required"));
    assertThat(workerErrors(withName(required))).containsExactly("exactly.once.support");
    assertThat(validator.validate(required).findings()).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("exactly.once.support");
      assertThat(f.isError()).isFalse();
    });
  }

  @Test
  void testMisspelledFormatClass() throws IOException, InterruptedException {
    assertSameAnswer(example("order-events-s3-parquet.json")
        .with(Map.of("format.class", "io.confluent.connect.s3.format.parquet.ParquetFormatt")));
  }

  @Test
  void testBadPathFormat() throws IOException, InterruptedException {
    assertSameAnswer(example("order-events-s3-parquet.json").with(Map.of("path.format", "'year'=YYYY/QQ")));
  }

  @Test
  void testMissingBucket() throws IOException, InterruptedException {
    Map<String, String> changes = new HashMap<>();
    changes.put("s3.bucket.name", null);
    assertSameAnswer(example("order-events-s3-parquet.json").with(changes));
  }

  @Test
  void testBadTransformOption() throws IOException, InterruptedException {
    assertSameAnswer(example("postgres-cdc-s3-parquet.json")
        .with(Map.of("transforms.unwrap.delete.tombstone.handling.mode", "rewrite-everything")));
  }

  @Test
  void testMissingTopics() throws IOException, InterruptedException {
    Map<String, String> changes = new HashMap<>();
    changes.put("topics", null);
    assertSameAnswer(example("order-events-s3-parquet.json").with(changes));
  }

  private static Map<String, String> withName(ConnectorFile file) {
    Map<String, String> config = new HashMap<>(file.config());
    config.put("name", file.name());
    return config;
  }
}
