package io.streamlake.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate command line: exit codes and what it prints. */
class ValidateCommandTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void testDeployKitValidates() {
    int code = run("validate", "--plugin-zip", DeployFiles.pluginZip().toString(),
        DeployFiles.connectors().toString(), DeployFiles.deployDir().resolve("worker").toString());
    assertThat(code).as(output()).isZero();
    assertThat(output()).contains("PostgresConnector is not in this plugin").doesNotContain("ERROR");
  }

  @Test
  void testEveryBadOptionIsPrintedAndExitIsNonZero() throws IOException {
    String seed = Files.readString(DeployFiles.connectors().resolve("order-events-s3-parquet.json"));
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, seed
        .replace("parquet.ParquetFormat\"", "parquet.ParquetFormatt\"")
        .replace("'hour'=HH\"", "'hour'=HH/QQ\""));
    int code = run("validate", "--plugin-zip", DeployFiles.pluginZip().toString(), bad.toString());
    assertThat(code).isEqualTo(1);
    assertThat(output()).contains("ERROR   format.class: ").contains("Allowed values: parquet")
        .contains("2 error(s)");
  }

  @Test
  void testRejectedWorkerSettingFails() throws IOException {
    Path worker = dir.resolve("worker.properties");
    Files.writeString(worker, "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
        + "plugin.path=/opt/connectors\nmetric.reporters=com.example.Reporter\n");
    int code = run("validate", worker.toString());
    assertThat(code).isEqualTo(1);
    assertThat(output()).contains("ERROR   plugin.path: MSK Connect rejects")
        .contains("ERROR   metric.reporters: MSK Connect rejects");
  }

  @Test
  void testMissingFileIsAUsageError() {
    assertThat(run("validate", dir.resolve("nope.json").toString())).isEqualTo(2);
  }
}
