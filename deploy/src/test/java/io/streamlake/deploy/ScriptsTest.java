package io.streamlake.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI scripts with a fake {@code aws} on PATH that logs its arguments and answers like the real one, and
 * the real CLI (this module's classes) as {@code streamlake}.
 */
class ScriptsTest {

  private static final String FAKE_AWS = String.join("\n",
      "#!/usr/bin/env bash",
      "printf '%s\\n' \"$*\" >> \"$FAKE_AWS_LOG\"",
      "case \"$1 $2\" in",
      "  's3api get-bucket-lifecycle-configuration')",
      "    if [[ \" $* \" == *' --query '* ]]; then echo ids; exit 0; fi",
      "    case \"$FAKE_LIFECYCLE\" in",
      "      none) echo 'An error occurred (NoSuchLifecycleConfiguration) when calling the"
          + " GetBucketLifecycleConfiguration operation: The lifecycle configuration does not exist' >&2; exit 254 ;;",
      "      denied) echo 'An error occurred (AccessDenied) when calling the GetBucketLifecycleConfiguration"
          + " operation: Access Denied' >&2; exit 254 ;;",
      "      *) cat \"$FAKE_LIFECYCLE\" ;;",
      "    esac ;;",
      "  's3api put-bucket-lifecycle-configuration')",
      "    for a in \"$@\"; do case \"$a\" in file://*) cp \"${a#file://}\" \"$FAKE_PUT\" ;; esac; done ;;",
      "esac",
      "");

  @TempDir
  Path dir;

  private Path log;
  private Path put;
  private Path bin;

  @BeforeEach
  void fakes() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    log = dir.resolve("aws.log");
    put = dir.resolve("put.json");
    executable(bin.resolve("aws"), FAKE_AWS);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    executable(bin.resolve("streamlake"), "#!/usr/bin/env bash\nexec '" + java + "' -cp '"
        + System.getProperty("java.class.path") + "' io.streamlake.deploy.Main \"$@\"\n");
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private record Run(int code, String output) {}

  private Run script(String name, Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash",
        DeployFiles.deployDir().resolve("scripts").resolve(name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("STREAMLAKE", bin.resolve("streamlake").toString());
    builder.environment().put("FAKE_AWS_LOG", log.toString());
    builder.environment().put("FAKE_PUT", put.toString());
    builder.environment().put("AWS_REGION", "us-east-1");
    builder.environment().put("SINK_BUCKET", "my-event-lake");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private String awsLog() throws IOException {
    return Files.isRegularFile(log) ? Files.readString(log) : "";
  }

  @Test
  void testLifecycleKeepsTheBucketsOtherRules() throws Exception {
    Path existing = dir.resolve("existing.json");
    Files.writeString(existing, "{\"Rules\": [{\"ID\": \"archive-raw\", \"Status\": \"Enabled\", \"Filter\":"
        + " {\"Prefix\": \"raw/\"}, \"Transitions\": [{\"Days\": 30, \"StorageClass\": \"GLACIER\"}]}]}");
    Run run = script("05-sink-bucket-lifecycle.sh", Map.of("FAKE_LIFECYCLE", existing.toString()));
    assertThat(run.code()).as(run.output()).isZero();
    JsonNode rules = new ObjectMapper().readTree(put.toFile()).path("Rules");
    assertThat(rules).extracting(r -> r.path("ID").asText()).containsExactly("archive-raw",
        "streamlake-topics-abort-incomplete-multipart-uploads", "streamlake-topics-expire-epoch-markers");
    assertThat(rules.get(0).path("Transitions").get(0).path("StorageClass").asText()).isEqualTo("GLACIER");
  }

  @Test
  void testLifecycleOfTheCdcExampleCoversCdcPrefix() throws Exception {
    Run run = script("05-sink-bucket-lifecycle.sh", Map.of("FAKE_LIFECYCLE", "none"),
        DeployFiles.connectors().resolve("postgres-cdc-s3-parquet.json").toString());
    assertThat(run.code()).as(run.output()).isZero();
    JsonNode rules = new ObjectMapper().readTree(put.toFile()).path("Rules");
    assertThat(rules).extracting(r -> r.path("Filter").path("Prefix").asText()).containsExactly("cdc/",
        "cdc/_epochs/");
  }

  @Test
  void testLifecycleStopsOnAnyOtherErrorAndChangesNothing() throws Exception {
    Run run = script("05-sink-bucket-lifecycle.sh", Map.of("FAKE_LIFECYCLE", "denied"));
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.output()).contains("AccessDenied").contains("nothing was changed");
    assertThat(awsLog()).doesNotContain("put-bucket-lifecycle-configuration");
    assertThat(put).doesNotExist();
  }

  @Test
  void testLagAlarmsAndDashboard() throws Exception {
    Run run = script("06-lag-alarms-and-dashboard.sh", Map.of("TOPIC_RECORDS_PER_SECOND", "order-events=200"));
    assertThat(run.code()).as(run.output()).isZero();
    List<String> calls = Files.readAllLines(log);
    String totalLag = calls.stream().filter(c -> c.contains("--metric-name TotalLag")).findFirst().orElseThrow();
    assertThat(totalLag).contains("put-metric-alarm", "--namespace MSK/ConsumerLag",
        "Name=ConsumerGroup,Value=connect-order-events-s3-parquet", "Name=Topic,Value=order-events",
        "--threshold 2000", "--comparison-operator GreaterThanThreshold", "--treat-missing-data breaching");
    String timeLag = calls.stream().filter(c -> c.contains("--metric-name EstimatedMaxTimeLag")).findFirst()
        .orElseThrow();
    assertThat(timeLag).contains("--threshold 300000", "--treat-missing-data breaching");
    String dashboard = calls.stream().filter(c -> c.startsWith("cloudwatch put-dashboard")).findFirst()
        .orElseThrow();
    assertThat(dashboard).contains("AWS/KafkaConnect", "WorkerCount", "CpuUtilization",
        "ConnectorName\",\"order-events-s3-parquet", "MetricName=\\\"TotalLag\\\"", "ConsumerGroup,Topic");
  }
}
