package io.streamlake.connect.s3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.testing.MemoryScenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Pins the task memory bound: one task with 1,000 partitions x 24 hourly buckets, every bucket open at once,
 * in a forked JVM with a 512 MiB heap and the default {@code buffer.memory.max.bytes}. It must finish without
 * an OutOfMemoryError, land every record, and write one file per bucket (no early cut): an open file holding two
 * rows costs a few KiB (compact rows), so 24,000 of them fit the budget.
 */
class MemoryBoundIT {

  private static final int PARTITIONS = 1000;
  private static final int RECORDS_PER_PARTITION = 48;
  private static final Pattern RESULT = Pattern.compile("(\\w+)=([\\d.]+)");

  @Test
  void thousandPartitionsTimesTwentyFourBucketsFitInHalfAGigabyte() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-cp", classpath,
        MemoryScenario.class.getName(), String.valueOf(PARTITIONS), String.valueOf(RECORDS_PER_PARTITION)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException e) {
      process.destroyForcibly();
      throw e;
    }
    boolean exited = process.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    String result = output.stream().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
    String tail = String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size()));
    assertThat(exited).as("scenario finished within 5 minutes").isTrue();
    assertThat(process.exitValue()).as("exit code; output:\n%s", tail).isZero();
    assertThat(output).noneMatch(l -> l.contains("OutOfMemoryError"));
    assertThat(result).as("RESULT line; output:\n%s", tail).isNotNull();
    System.out.println("Memory bound scenario (" + PARTITIONS + " partitions x 24 buckets, -Xmx512m): " + result);

    Map<String, String> values = new HashMap<>();
    Matcher m = RESULT.matcher(result);
    while (m.find()) {
      values.put(m.group(1), m.group(2));
    }
    long produced = Long.parseLong(values.get("produced"));
    assertThat(produced).isEqualTo((long) PARTITIONS * RECORDS_PER_PARTITION);
    assertThat(Long.parseLong(values.get("rows"))).as("rows landed").isEqualTo(produced);
    assertThat(Long.parseLong(values.get("committedPartitions"))).isEqualTo(PARTITIONS);
    assertThat(Long.parseLong(values.get("peakHeapUsedMB"))).isPositive().isLessThanOrEqualTo(512);
    assertThat(Long.parseLong(values.get("files"))).as("one file per bucket, no early cut")
        .isEqualTo(PARTITIONS * 24L);
    assertThat(Long.parseLong(values.get("openFiles"))).isEqualTo(PARTITIONS * 24L);
    long measured = Long.parseLong(values.get("measuredPerOpenFileBytes"));
    long counted = Long.parseLong(values.get("countedPerOpenFileBytes"));
    long compactRows = 2 * Long.parseLong(values.get("compactBytesPerRow"));
    // Issue 14: a small constant (at most 16 KiB) plus at most 1.5 x the compact size of the rows held.
    assertThat(measured).as("live heap per open file").isLessThanOrEqualTo(16 * 1024 + compactRows * 3 / 2);
    // The budget counts at least what an open file really holds, so it still bounds the total.
    assertThat(counted).as("counted per open file (measured %d)", measured).isGreaterThanOrEqualTo(measured);
    assertThat(Long.parseLong(values.get("liveHeapMB"))).as("live heap with all buckets open").isLessThan(256);
  }
}
