package io.streamlake.connect.cdc.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL cluster started and stopped through {@code .ci/postgres.sh}, the same script developers
 * run by hand. {@link #start} either returns a running cluster or throws {@link Unavailable} with the script's
 * diagnostics; {@link #close} stops the server and deletes its directory (also from a shutdown hook, should the
 * test JVM end without running {@code @AfterAll}).
 */
final class PostgresHarness implements AutoCloseable {

  /** PostgreSQL could not be started here (no binaries, no script, initdb or server failure). */
  static final class Unavailable extends Exception {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Path script;
  private final Map<String, String> facts;
  private final Thread shutdownHook;
  private boolean stopped;

  private PostgresHarness(Path script, Map<String, String> facts) {
    this.script = script;
    this.facts = facts;
    this.shutdownHook = new Thread(this::stopQuietly, "pg-harness-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static PostgresHarness start(Path script) throws Unavailable {
    if (!Files.isRegularFile(script)) {
      throw new Unavailable("PostgreSQL harness script not found: " + script, null);
    }
    Result result;
    try {
      result = run(script, 120, "start");
    } catch (IOException | InterruptedException e) {
      throw new Unavailable("could not run " + script + " start: " + e, e);
    }
    if (result.exitCode != 0) {
      throw new Unavailable(script + " start exited with " + result.exitCode + ":\n" + result.stderr.strip(), null);
    }
    Map<String, String> facts = new LinkedHashMap<>();
    for (String line : result.stdout.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        facts.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    for (String key : new String[] {"PG_HARNESS_DIR", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD"}) {
      if (!facts.containsKey(key)) {
        throw new Unavailable(script + " start printed no " + key + "; stdout:\n" + result.stdout + "\nstderr:\n"
            + result.stderr, null);
      }
    }
    System.out.println(result.stderr.strip());
    return new PostgresHarness(script, facts);
  }

  String host() {
    return facts.get("PGHOST");
  }

  int port() {
    return Integer.parseInt(facts.get("PGPORT"));
  }

  String database() {
    return facts.get("PGDATABASE");
  }

  String user() {
    return facts.get("PGUSER");
  }

  String password() {
    return facts.get("PGPASSWORD");
  }

  String directory() {
    return facts.get("PG_HARNESS_DIR");
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database(), user(),
        password());
  }

  @Override
  public synchronized void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs (or ran) stopQuietly itself.
    }
  }

  private synchronized void stopQuietly() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      Result result = run(script, 60, "stop", directory());
      System.out.println(result.stderr.strip());
      if (result.exitCode != 0) {
        System.err.println("PostgreSQL harness stop exited with " + result.exitCode + ": " + result.stderr);
      }
    } catch (IOException | InterruptedException e) {
      System.err.println("PostgreSQL harness stop failed for " + directory() + ": " + e);
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  /** Runs the script with stdout and stderr captured to files (never the test JVM's own streams). */
  private static Result run(Path script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("pg-harness", ".out");
    Path err = Files.createTempFile("pg-harness", ".err");
    try {
      String[] command = new String[args.length + 2];
      command[0] = "bash";
      command[1] = script.toString();
      System.arraycopy(args, 0, command, 2, args.length);
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8) + "\n(timed out after " + timeoutSeconds + " s)");
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
