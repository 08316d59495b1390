package io.streamlake.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs every benchmark in its own JVM, collects their RESULT lines and writes {@code results/DATE.md} and
 * {@code results/DATE.json}. Run from the benchmarks directory through {@code benchmarks/run}.
 *
 * <p>Arguments: {@code --sections=limit,sink,profile,fanout,lag,converter,e2e,replay} (default all), {@code --records=N}
 * (limit and sink path, default 1,000,000), {@code --e2e-records=1000000,5000000}, {@code --quick} (small
 * sizes, a smoke test), {@code --out=DIR} (default results), {@code --name=NAME} (default today's UTC date),
 * {@code --baseline-jar=JAR} (the sink path once more with another build of the sink, e.g. before a fix),
 * {@code --e2e-systems=ours,ours-fast,iceberg}, {@code --e2e-timeout-s=600}.
 */
public final class BenchmarkMain {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, String> args;
  private final boolean quick;
  private final Path logs = Path.of("target", "benchmark-logs");
  private final Map<String, Object> report = new LinkedHashMap<>();
  private final Map<String, Object> sections = new LinkedHashMap<>();

  private BenchmarkMain(Map<String, String> args) {
    this.args = args;
    this.quick = args.containsKey("quick");
  }

  public static void main(String[] argv) throws Exception {
    new BenchmarkMain(Bench.args(argv)).run();
  }

  private void run() throws Exception {
    Files.createDirectories(logs);
    List<String> wanted = List.of(args.getOrDefault("sections", "limit,sink,profile,fanout,lag,converter,e2e,replay").split(","));
    long records = Long.parseLong(args.getOrDefault("records", quick ? "100000" : "1000000"));
    String e2eRecords = args.getOrDefault("e2e-records", quick ? "100000" : "1000000,5000000");
    int passes = quick ? 3 : 5;
    report.put("startedUtc", Instant.now().toString());
    report.put("quick", quick);
    report.put("machine", Machine.describe());
    report.put("sections", sections);

    if (wanted.contains("limit")) {
      section("limit", List.of("-Xms2g", "-Xmx2g"), LimitBench.class, "--records=" + records, "--passes=" + passes);
    }
    if (wanted.contains("sink")) {
      for (String[] variant : List.of(new String[] {"parquet", "snappy", "memory"},
          new String[] {"parquet", "zstd", "memory"}, new String[] {"json", "gzip", "memory"},
          new String[] {"parquet", "snappy", "s3"})) {
        section("sink-" + String.join("-", variant), List.of("-Xms2g", "-Xmx2g"), SinkPathBench.class,
            "--records=" + records, "--passes=" + passes, "--format=" + variant[0], "--codec=" + variant[1],
            "--store=" + variant[2]);
      }
    }
    if (wanted.contains("sink") && args.containsKey("baseline-jar")) {
      // The same sink path with another build of the sink (e.g. before a fix), run right after ours.
      Path baseline = Path.of(args.get("baseline-jar")).toAbsolutePath();
      section("sink-parquet-snappy-memory-baseline", List.of("-Xms2g", "-Xmx2g"), withSinkJar(baseline),
          SinkPathBench.class.getName(), "--records=" + records, "--passes=" + passes, "--format=parquet",
          "--codec=snappy", "--store=memory", "--label=baseline " + baseline.getFileName());
    }
    if (wanted.contains("profile")) {
      Path jfr = logs.resolve("sink-profile.jfr").toAbsolutePath();
      Files.deleteIfExists(jfr);
      section("profile", List.of("-Xms2g", "-Xmx2g",
          "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true"), SinkPathBench.class,
          "--records=" + records, "--passes=3", "--format=parquet", "--codec=snappy", "--store=memory");
      if (Files.exists(jfr)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = (Map<String, Object>) sections.get("profile");
        profile.put("jfr", JfrSummary.summarize(jfr, "main", 20));
        profile.put("recording", jfr.toString());
      }
    }
    if (wanted.contains("fanout")) {
      // P x 24 files open at once (issue 14): one file per bucket while open files cost what they hold; the last
      // case holds 20 rows in each of 24,000 files, which the default budget cannot keep open.
      int[][] cases = quick ? new int[][] {{10, 2400}, {100, 240}, {1000, 48}}
          : new int[][] {{10, 24_000}, {100, 2_400}, {1000, 48}, {1000, 480}};
      for (int[] c : cases) {
        section("fanout-" + c[0] + "x" + c[1], List.of("-Xms512m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError"),
            FanOutBench.class, "--partitions=" + c[0], "--per-partition=" + c[1]);
      }
      int[] old = cases[0]; // the old way, where every file is still under budget
      section("fanout-" + old[0] + "x" + old[1] + "-streamed", List.of("-Xms512m", "-Xmx512m",
          "-XX:+ExitOnOutOfMemoryError"), FanOutBench.class, "--partitions=" + old[0], "--per-partition=" + old[1],
          "--compact=0");
    }
    if (wanted.contains("lag")) {
      section("lag", List.of("-Xmx2g"), LagBench.class, quick
          ? new String[] {"--topics=10", "--partitions=100", "--groups=10", "--polls=3"}
          : new String[] {"--topics=100", "--partitions=100", "--groups=100", "--polls=5"});
    }
    if (wanted.contains("converter")) {
      section("converter", List.of("-Xms1g", "-Xmx1g"), ConverterBench.class, quick
          ? new String[] {"--records=2000", "--rounds=5", "--passes=3"}
          : new String[] {"--records=10000", "--rounds=20", "--passes=6"});
    }
    if (wanted.contains("replay")) {
      // Replay records/s per task (issue 18): the S3 source over what the sink wrote, per format and layout.
      for (String[] variant : List.of(new String[] {"parquet", "true"}, new String[] {"parquet", "false"},
          new String[] {"avro", "true"}, new String[] {"json", "true"})) {
        section("replay-" + variant[0] + (variant[1].equals("true") ? "-envelope" : "-values"),
            List.of("-Xms2g", "-Xmx2g"), ReplayBench.class, "--records=" + records, "--passes=" + (quick ? 2 : 3),
            "--format=" + variant[0], "--envelope=" + variant[1]);
      }
    }
    if (wanted.contains("e2e")) {
      Path icebergLib = Path.of("iceberg", "target", "plugin", "iceberg-kafka-connect", "lib");
      String tools = Path.of("iceberg", "target", "streamlake-benchmarks-iceberg.jar").toAbsolutePath()
          + File.pathSeparator + icebergLib.toAbsolutePath() + File.separator + "*"
          + File.pathSeparator + classpathEntry("slf4j-api-");
      List<String> e2eArgs = new ArrayList<>(List.of("--records=" + e2eRecords,
          "--plugin-zip=" + Path.of("target", "plugin-zip", "streamlake-plugin.zip").toAbsolutePath(),
          "--iceberg-plugin=" + Path.of("iceberg", "target", "plugin").toAbsolutePath(),
          "--iceberg-tools=" + tools, "--work=" + Path.of("target", "e2e").toAbsolutePath(),
          "--warmup=" + (quick ? "20000" : "100000"), "--timeout-s=" + args.getOrDefault("e2e-timeout-s", "600"),
          "--systems=" + args.getOrDefault("e2e-systems", "ours,ours-fast,iceberg")));
      Path jfr = logs.resolve("e2e.jfr").toAbsolutePath();
      Files.deleteIfExists(jfr);
      section("e2e", List.of("-Xms4g", "-Xmx4g",
          "-XX:StartFlightRecording=filename=" + jfr + ",settings=default,dumponexit=true"), withoutComponents(),
          EndToEndBench.class.getName(), e2eArgs.toArray(new String[0]));
      if (Files.exists(jfr)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> e2e = (Map<String, Object>) sections.get("e2e");
        List<JfrSummary.Window> windows = new ArrayList<>();
        Object result = e2e.get("result");
        if (result != null) {
          for (Object run : (List<?>) ((Map<?, ?>) result).get("runs")) {
            Map<?, ?> r = (Map<?, ?>) run;
            windows.add(new JfrSummary.Window(r.get("system") + " " + r.get("records"),
                ((Number) r.get("windowStartMs")).longValue(), ((Number) r.get("windowEndMs")).longValue()));
          }
        }
        e2e.put("jfr", JfrSummary.summarizeEndToEnd(jfr, windows));
        e2e.put("recording", jfr.toString());
      }
    }
    report.put("finishedUtc", Instant.now().toString());
    report.put("loadAfter", Machine.load());
    write();
  }

  private void section(String name, List<String> jvmArgs, Class<?> main, String... mainArgs) throws Exception {
    section(name, jvmArgs, System.getProperty("java.class.path"), main.getName(), mainArgs);
  }

  /** Runs one benchmark main in a fresh JVM; its RESULT line becomes the section, with the load around it. */
  private void section(String name, List<String> jvmArgs, String classpath, String main, String... mainArgs)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-Dlog4j.configuration=benchmark-log4j.properties");
    command.add("-cp");
    command.add(classpath);
    command.add(main);
    command.addAll(List.of(mainArgs));
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("loadBefore", Machine.load());
    section.put("startedUtc", Instant.now().toString());
    System.out.printf("== %s: %s %s%n", name, main, String.join(" ", mainArgs));
    Path log = logs.resolve(name + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.println(line);
        if (line.startsWith(Bench.RESULT_PREFIX)) {
          result = line.substring(Bench.RESULT_PREFIX.length());
        } else if (!line.contains(" INFO ") && !line.contains(" WARN ") && !line.contains(" DEBUG ")) {
          System.out.println("   " + line);
        }
      }
    }
    boolean exited = process.waitFor(1, TimeUnit.MINUTES);
    section.put("exitCode", exited ? process.exitValue() : "did not exit");
    section.put("finishedUtc", Instant.now().toString());
    section.put("loadAfter", Machine.load());
    section.put("log", log.toString());
    if (result != null) {
      section.put("result", JSON.readValue(result, Map.class));
    } else {
      section.put("error", "no RESULT line; see " + log);
      System.out.printf("   %s FAILED (no RESULT line), see %s%n", name, log);
    }
    sections.put(name, section);
  }

  /** This JVM's class path without our component jars: the end-to-end worker must load them from the ZIP. */
  private static String withoutComponents() {
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String file = Path.of(entry).getFileName().toString();
      boolean component = file.matches("(s3-sink-connector|lag-metrics|cdc-transforms|streamlake-converters"
          + "|streamlake-common)-[^-]+(-SNAPSHOT)?\\.jar")
          || entry.matches(".*(s3-sink-connector|lag-metrics|cdc-transforms|converters|common)/target/classes/?");
      if (!component) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  /** This JVM's class path with the sink's main jar replaced. */
  private static String withSinkJar(Path jar) {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String file = Path.of(entry).getFileName().toString();
      boolean sink = file.matches("s3-sink-connector-[^-]+(-SNAPSHOT)?\\.jar")
          || entry.matches(".*s3-sink-connector/target/classes/?");
      entries.add(sink ? jar.toString() : entry);
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String classpathEntry(String prefix) {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (Path.of(entry).getFileName().toString().startsWith(prefix)) {
        return entry;
      }
    }
    throw new IllegalStateException("No " + prefix + "* on the class path");
  }

  private void write() throws Exception {
    Path out = Path.of(args.getOrDefault("out", quick ? "target/results" : "results"));
    Files.createDirectories(out);
    String name = args.getOrDefault("name",
        DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(Instant.now()));
    Path json = out.resolve(name + ".json");
    Path md = out.resolve(name + ".md");
    JSON.writeValue(json.toFile(), report);
    Files.writeString(md, new ReportWriter(report).markdown());
    System.out.printf("Wrote %s and %s%n", md, json);
  }
}
