package io.streamlake.deploy.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} copies config provider references as written: never resolved, never expanded, never refused. */
class RenderKeepsReferencesTest {

  private static final Map<String, String> REFERENCES = Map.of(
      "aws.access.key.id", "${ssm::/streamlake/prod/s3-key}",
      "aws.secret.access.key", "${secretsmanager:streamlake/prod/s3:secret_access_key?ttl=3600000}",
      "s3.bucket.name", "${ssm::/streamlake/prod/bucket}");

  @TempDir
  Path dir;

  @Test
  void referencesReachTheRequestVerbatim() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode connector = (ObjectNode) json.readTree(
        DeployFiles.connectors().resolve("order-events-s3-parquet.json").toFile());
    ObjectNode config = connector.has("config") ? (ObjectNode) connector.get("config") : connector;
    REFERENCES.forEach(config::put);
    Path file = dir.resolve("sink.json");
    json.writeValue(file.toFile(), connector);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(List.of("render", file.toString(), "--plugin-zip", DeployFiles.pluginZip().toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode rendered = json.readTree(out.toString(StandardCharsets.UTF_8)).path("connectorConfiguration");
    REFERENCES.forEach((key, value) -> assertThat(rendered.path(key).asText()).as(key).isEqualTo(value));
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("literal secret");
  }
}
