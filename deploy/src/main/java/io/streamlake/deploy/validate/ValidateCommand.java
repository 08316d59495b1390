package io.streamlake.deploy.validate;

import io.streamlake.deploy.Args;
import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.PluginZip;
import io.streamlake.deploy.providers.ReferenceChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code validate <file|dir>...}: checks connector JSON files against the plugin ZIP's ConfigDefs and worker
 * {@code .properties} files against what MSK Connect accepts. Prints every problem with the option it concerns;
 * exits 1 when any file has an error (or, with {@code --strict}, a warning).
 */
public final class ValidateCommand {

  public static final String USAGE = String.join("\n",
      "usage: streamlake validate [--plugin-zip <zip>] [--strict] <connector.json|worker.properties|dir>...",
      "  Validates connector JSON offline against the plugin ZIP (the same answers as a worker's",
      "  /connector-plugins/<class>/config/validate) and flags settings MSK Connect rejects.",
      "  A directory means every *.json and *.properties file in it.");

  private final PrintStream out;

  public ValidateCommand(PrintStream out) {
    this.out = out;
  }

  /** Runs the command; returns the process exit code. */
  public int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, Set.of("plugin-zip"), Set.of("strict"));
    if (args.positional().isEmpty()) {
      throw new Args.UsageException("name at least one connector JSON file");
    }
    List<Path> files = expand(args.positional());
    List<ConnectorFile> connectors = new ArrayList<>();
    Map<Path, Map<String, String>> workers = new LinkedHashMap<>();
    boolean failed = false;
    for (Path file : files) {
      if (file.toString().endsWith(".properties")) {
        workers.put(file, readProperties(file));
      } else {
        try {
          connectors.add(ConnectorFile.read(file));
        } catch (IOException e) {
          out.println(file + ": " + e.getMessage());
          failed = true;
        }
      }
    }
    boolean strict = args.has("strict");
    for (Map.Entry<Path, Map<String, String>> worker : workers.entrySet()) {
      List<Finding> findings = new ArrayList<>(MskRules.checkWorker(worker.getValue()));
      findings.addAll(ReferenceChecks.worker(worker.getValue()));
      out.println(worker.getKey() + ": MSK Connect worker configuration");
      failed |= report(findings, strict);
    }
    if (!connectors.isEmpty()) {
      Path zip = PluginZip.locate(args.get("plugin-zip", null));
      try (PluginZip plugin = PluginZip.unpack(zip)) {
        OfflineValidator validator = new OfflineValidator(plugin.pluginPath());
        for (ConnectorFile connector : connectors) {
          OfflineValidator.Result result = validator.validate(connector);
          if (result.status() == OfflineValidator.Status.SKIPPED) {
            out.println(connector.source() + ": " + connector.connectorClass() + " is not in this plugin ("
                + zip.getFileName() + "), skipped; it needs its own custom plugin on MSK Connect");
          } else {
            out.println(connector.source() + ": " + connector.connectorClass()
                + (result.kind() == null ? "" : " (" + result.kind() + ", from " + zip.getFileName() + ")"));
          }
          failed |= report(result.findings(), strict);
        }
      }
    }
    return failed ? 1 : 0;
  }

  private boolean report(List<Finding> findings, boolean strict) {
    findings.forEach(f -> out.println("  " + f));
    long errors = findings.stream().filter(Finding::isError).count();
    long warnings = findings.size() - errors;
    out.println(errors == 0 ? "  OK" + (warnings == 0 ? "" : " (" + warnings + " warning(s))")
        : "  " + errors + " error(s)" + (warnings == 0 ? "" : ", " + warnings + " warning(s)"));
    return errors > 0 || strict && warnings > 0;
  }

  private static List<Path> expand(List<String> names) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String name : names) {
      Path path = Path.of(name);
      if (Files.isDirectory(path)) {
        List<Path> inDir = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, "*.{json,properties}")) {
          entries.forEach(inDir::add);
        }
        inDir.sort(null);
        files.addAll(inDir);
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new Args.UsageException(name + ": no such file or directory");
      }
    }
    return files;
  }

  private static Map<String, String> readProperties(Path file) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    }
    Map<String, String> map = new LinkedHashMap<>();
    props.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, props.getProperty(k)));
    return map;
  }
}
