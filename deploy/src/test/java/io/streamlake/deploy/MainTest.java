package io.streamlake.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void testNoCommandPrintsUsageAndExitsTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("validate").contains("render").contains("local");
  }

  @Test
  void testUnknownCommandIsAUsageError() {
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'deploy'");
  }

  @Test
  void testHelpOfACommandListsItsOptions() {
    assertThat(run("help", "local")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--duration").contains("--bootstrap-servers")
        .contains("--s3-bucket");
  }

  @Test
  void testUnknownOptionOfLocalIsAUsageErrorBeforeAnythingStarts() {
    assertThat(run("local", "--durration", "5")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --durration");
  }
}
