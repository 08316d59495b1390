package io.streamlake.deploy.local;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo, end to end and in this JVM: embedded Kafka, the in-process S3 endpoint, a Connect worker loading the
 * built ZIP, the default order-events connector, a short run. Parquet files must land on disk with rows in them.
 */
class LocalDemoIT {

  private static final Pattern LANDED = Pattern.compile(
      "\\+ (topics/order-events/year=\\d{4}/month=\\d\\d/day=\\d\\d/hour=\\d\\d/order-events\\+\\d\\+\\d{10}"
          + "\\.snappy\\.parquet)  ([\\d,]+) rows");

  @TempDir
  Path dir;

  @Test
  void testParquetFilesLand() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path data = dir.resolve("demo-data");
    int code = Main.run(List.of("local", "--plugin-zip", DeployFiles.pluginZip().toString(), "--data-dir",
        data.toString(), "--duration", "10", "--rotate-seconds", "3", "--rate", "100"),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output).isZero();

    Matcher landed = LANDED.matcher(output);
    long rows = 0;
    int files = 0;
    while (landed.find()) {
      files++;
      rows += Long.parseLong(landed.group(2).replace(",", ""));
      assertThat(data.resolve("my-event-lake").resolve(landed.group(1))).isRegularFile();
    }
    assertThat(files).as(output).isPositive();
    assertThat(rows).isPositive();
    try (Stream<Path> onDisk = Files.walk(data.resolve("my-event-lake/topics/order-events"))) {
      // every printed file is on disk; an epoch in flight when the demo stops may still land while the worker
      // shuts down (its files are durable and committed, just not printed): more files on disk, never fewer
      assertThat(onDisk.filter(p -> p.toString().endsWith(".snappy.parquet")).count())
          .isGreaterThanOrEqualTo(files);
    }
    assertThat(output).contains("RUNNING with 3 task(s)").contains("landed; the first");
  }
}
