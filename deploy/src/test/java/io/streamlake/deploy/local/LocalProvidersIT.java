package io.streamlake.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamlake-local} with a connector whose {@code topics.dir} is an SSM reference: the worker resolves it from
 * the local value given with {@code --secret} (the connector keeps the reference), so files land under the resolved
 * directory (also for a reference without a path part, which Connect hands the provider with an empty path);
 * without a local value the run stops naming the reference.
 */
class LocalProvidersIT {

  private static final String REFERENCE = "${ssm::/streamlake/local/topics-dir}";

  @TempDir
  Path dir;

  private Path connectorWithReference(String reference) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode connector = (ObjectNode) json.readTree(
        DeployFiles.connectors().resolve("order-events-s3-parquet.json").toFile());
    ObjectNode config = connector.has("config") ? (ObjectNode) connector.get("config") : connector;
    config.put("topics.dir", reference);
    Path file = dir.resolve("order-events-with-reference.json");
    json.writeValue(file.toFile(), connector);
    return file;
  }

  private int run(List<String> extra, ByteArrayOutputStream out, ByteArrayOutputStream err) throws IOException {
    return run(REFERENCE, extra, out, err);
  }

  private int run(String reference, List<String> extra, ByteArrayOutputStream out, ByteArrayOutputStream err)
      throws IOException {
    List<String> argv = new ArrayList<>(List.of("local", "--plugin-zip", DeployFiles.pluginZip().toString(),
        "--data-dir", dir.resolve("demo-data").toString(), "--duration", "10", "--rotate-seconds", "3", "--rate",
        "100", connectorWithReference(reference).toString()));
    argv.addAll(extra);
    return Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theWorkerResolvesReferencesFromLocalValues() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(List.of("--secret", "ssm::/streamlake/local/topics-dir=resolved-lake"), out, err);
    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output + err).isZero();
    assertThat(output).contains("providers  1 reference(s) resolved by the worker from local values (ssm)")
        .contains("+ resolved-lake/order-events/");
    try (Stream<Path> files = Files.walk(dir.resolve("demo-data/my-event-lake/resolved-lake/order-events"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".snappy.parquet")).count()).isPositive();
    }
    assertThat(dir.resolve("demo-data/my-event-lake/topics")).doesNotExist();
  }

  @Test
  void theWorkerResolvesAReferenceWithoutAPathPart() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run("${secretsmanager:streamlake-local-topics-dir}",
        List.of("--secret", "secretsmanager:streamlake-local-topics-dir=pathless-lake"), out, err);
    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output + err).isZero();
    assertThat(output).contains("+ pathless-lake/order-events/");
    try (Stream<Path> files = Files.walk(dir.resolve("demo-data/my-event-lake/pathless-lake/order-events"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".snappy.parquet")).count()).isPositive();
    }
  }

  @Test
  void aReferenceWithoutALocalValueStopsTheRunNamingIt() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(List.of("--secret", "secretsmanager:unused:key=the-value"), out, err);
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(all).isEqualTo(2);
    assertThat(all).contains(REFERENCE + " (topics.dir)").contains("--secret").doesNotContain("the-value");
  }
}
