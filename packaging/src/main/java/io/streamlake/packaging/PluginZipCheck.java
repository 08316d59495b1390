package io.streamlake.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Build-time check of the plugin ZIP, run by the build right after the assembly (package phase): a violation
 * fails {@code mvn verify}. It checks the layout, the size budget, jars the worker provides (by file name and
 * by the packages inside), classes held by two jars, the {@code META-INF/services} entries of every component
 * named in {@code manifest.json}, the third-party license list against {@code lib/}, and the jar list against
 * a committed baseline. Prints the ZIP's size and jar count.
 */
public final class PluginZipCheck {

  /** Jar file names the worker provides: bundling them breaks class loading or shadows the worker's copy. */
  public static final List<Pattern> FORBIDDEN_JARS = List.of(
      Pattern.compile("kafka-clients-.*\\.jar"),
      Pattern.compile("kafka_2\\.\\d+-.*\\.jar"),
      Pattern.compile("kafka-(server|server-common|storage|storage-api|raft|metadata|group-coordinator"
          + "|transaction-coordinator|tools|tools-api|streams|log4j-appender)-\\d.*\\.jar"),
      Pattern.compile("connect-(api|runtime|json|transforms|file|mirror|mirror-client|basic-auth-extension)-\\d.*\\.jar"),
      Pattern.compile("(slf4j-.*|jcl-over-slf4j|jul-to-slf4j|log4j-over-slf4j)-\\d.*\\.jar"),
      Pattern.compile("(log4j|log4j-.*|reload4j|logback-.*)-\\d.*\\.jar"));

  /** Packages the worker provides, caught even inside a shaded or renamed jar. */
  public static final List<String> FORBIDDEN_PACKAGES = List.of(
      "org/apache/kafka/", "org/slf4j/", "org/apache/log4j/", "org/apache/logging/log4j/", "ch/qos/logback/");

  /** Manifest component type to the service interface a worker with {@code plugin.discovery=service_load} reads. */
  public static final Map<String, String> SERVICE_INTERFACES = Map.of(
      "sink", "org.apache.kafka.connect.sink.SinkConnector",
      "source", "org.apache.kafka.connect.source.SourceConnector",
      "transform", "org.apache.kafka.connect.transforms.Transformation",
      "predicate", "org.apache.kafka.connect.transforms.predicates.Predicate",
      "converter", "org.apache.kafka.connect.storage.Converter",
      "header-converter", "org.apache.kafka.connect.storage.HeaderConverter",
      "config-provider", "org.apache.kafka.common.config.provider.ConfigProvider");

  private static final Pattern COMPONENT =
      Pattern.compile("\\{\\s*\"type\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"class\"\\s*:\\s*\"([^\"]+)\"");
  /** A THIRD-PARTY.txt line of license-maven-plugin: {@code (License) Name (group:artifact:version - url)}. */
  private static final Pattern THIRD_PARTY = Pattern.compile("\\(([^:()\\s]+):([^:()\\s]+):([^:()\\s]+) - ");
  private static final String VERSION_TOKEN = "${project.version}";
  private static final int EXAMPLES = 3;

  /** What to enforce. {@code ownJars} are our artifactIds, which must all be in {@code lib/}. */
  public record Settings(long budgetBytes, String version, List<String> ownJars, Path baseline, boolean updateBaseline) {}

  /** One jar of {@code lib/}: its size, classes (entry name to CRC-32 of the bytes) and service entries. */
  public record Jar(String name, long size, Map<String, Long> classes, Map<String, List<String>> services) {}

  /** What the ZIP holds. */
  public record Contents(long zipBytes, String root, Set<String> files, List<Jar> jars, String manifest,
      String thirdParty) {}

  private PluginZipCheck() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Path zip = Path.of(required(options, "zip"));
    Settings settings = new Settings(
        Long.parseLong(required(options, "budget-mb")) * 1024 * 1024,
        required(options, "version"),
        List.of(required(options, "own-jars").split(",")),
        options.containsKey("baseline") ? Path.of(options.get("baseline")) : null,
        Boolean.parseBoolean(options.getOrDefault("update-baseline", "false")));
    Contents contents = read(zip);
    System.out.println(summary(zip, contents, settings));
    if (settings.updateBaseline() && settings.baseline() != null) {
      Files.writeString(settings.baseline(), baselineText(contents, settings));
      System.out.println("[plugin-zip] rewrote " + settings.baseline());
    }
    List<String> violations = check(contents, settings);
    if (!violations.isEmpty()) {
      violations.forEach(v -> System.out.println("[plugin-zip] VIOLATION: " + v));
      throw new IllegalStateException(violations.size() + " plugin ZIP violation(s) in " + zip + ":\n  "
          + String.join("\n  ", violations));
    }
    System.out.println("[plugin-zip] all checks passed");
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing --" + name + "=...");
    }
    return value;
  }

  /** Reads the ZIP and every jar in it. */
  public static Contents read(Path zip) throws IOException {
    Set<String> files = new TreeSet<>();
    List<Jar> jars = new ArrayList<>();
    Set<String> roots = new TreeSet<>();
    String manifest = null;
    String thirdParty = null;
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : file.stream().toList()) {
        String name = entry.getName();
        int slash = name.indexOf('/');
        roots.add(slash < 0 ? name : name.substring(0, slash + 1));
        if (entry.isDirectory()) {
          continue;
        }
        String relative = slash < 0 ? name : name.substring(slash + 1);
        files.add(relative);
        try (InputStream in = file.getInputStream(entry)) {
          if (relative.startsWith("lib/") && relative.endsWith(".jar")) {
            jars.add(readJar(relative.substring(4), in.readAllBytes()));
          } else if (relative.equals("manifest.json")) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } else if (relative.equals("THIRD-PARTY.txt")) {
            thirdParty = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
      }
    }
    jars.sort((a, b) -> a.name().compareTo(b.name()));
    return new Contents(Files.size(zip), String.join(",", roots), files, jars, manifest, thirdParty);
  }

  static Jar readJar(String name, byte[] bytes) throws IOException {
    Map<String, Long> classes = new TreeMap<>();
    Map<String, List<String>> services = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String entryName = entry.getName();
        if (entryName.startsWith("META-INF/services/") && !entry.isDirectory()) {
          List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
              .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
          services.put(entryName.substring("META-INF/services/".length()), lines);
        } else if (entryName.endsWith(".class") && !entryName.startsWith("META-INF/")
            && !entryName.endsWith("module-info.class")) {
          CRC32 crc = new CRC32();
          crc.update(in.readAllBytes());
          classes.put(entryName, crc.getValue());
        }
      }
    }
    return new Jar(name, bytes.length, classes, services);
  }

  /** Every violation, each a sentence naming the jar, class or file; empty when the ZIP is good. */
  public static List<String> check(Contents zip, Settings settings) throws IOException {
    List<String> violations = new ArrayList<>();
    checkLayout(zip, violations);
    if (zip.zipBytes() > settings.budgetBytes()) {
      violations.add(String.format(Locale.ROOT, "ZIP is %s, over its budget of %s (plugin.zip.budget.mb)",
          mib(zip.zipBytes()), mib(settings.budgetBytes())));
    }
    checkForbidden(zip, violations);
    checkDuplicates(zip, violations);
    checkServices(zip, violations);
    checkOwnJars(zip, settings, violations);
    checkLicenses(zip, settings, violations);
    checkBaseline(zip, settings, violations);
    return violations;
  }

  private static void checkLayout(Contents zip, List<String> violations) {
    if (zip.root().contains(",") || !zip.root().endsWith("/")) {
      violations.add("ZIP must hold exactly one top-level folder, found: " + zip.root());
    }
    for (String required : List.of("manifest.json", "LICENSE", "NOTICE", "THIRD-PARTY.txt")) {
      if (!zip.files().contains(required)) {
        violations.add("missing " + required + " in the top-level folder");
      }
    }
    if (zip.jars().isEmpty()) {
      violations.add("no jars in lib/");
    }
    for (String file : zip.files()) {
      if (file.endsWith(".jar") && (!file.startsWith("lib/") || file.indexOf('/', 4) >= 0)) {
        violations.add("jar outside lib/: " + file);
      }
    }
  }

  private static void checkForbidden(Contents zip, List<String> violations) {
    for (Jar jar : zip.jars()) {
      if (FORBIDDEN_JARS.stream().anyMatch(p -> p.matcher(jar.name()).matches())) {
        violations.add("forbidden jar " + jar.name() + ": the Connect worker provides it");
        continue;
      }
      for (String pkg : FORBIDDEN_PACKAGES) {
        List<String> hits = jar.classes().keySet().stream().filter(c -> c.startsWith(pkg)).limit(EXAMPLES).toList();
        if (!hits.isEmpty()) {
          violations.add("jar " + jar.name() + " holds worker-provided package " + pkg.replace('/', '.')
              + " (e.g. " + hits + ")");
        }
      }
    }
  }

  /**
   * A class in two jars is a violation unless every copy has the same bytes (Parquet's modules each shade the
   * same fastutil classes, for example): identical copies cannot disagree, whichever one the loader picks.
   */
  private static void checkDuplicates(Contents zip, List<String> violations) {
    Map<String, List<Jar>> owners = duplicateClasses(zip);
    Map<String, List<String>> byJars = new TreeMap<>();
    owners.forEach((cls, jars) -> {
      if (jars.stream().map(j -> j.classes().get(cls)).distinct().count() > 1) {
        byJars.computeIfAbsent(jars.stream().map(Jar::name).toList().toString(), j -> new ArrayList<>()).add(cls);
      }
    });
    byJars.forEach((jars, classes) -> violations.add(classes.size() + " class(es) in more than one jar " + jars
        + " with different bytes, e.g. " + classes.subList(0, Math.min(EXAMPLES, classes.size()))));
  }

  /** Classes held by more than one jar, with the jars holding them. */
  static Map<String, List<Jar>> duplicateClasses(Contents zip) {
    Map<String, List<Jar>> owners = new TreeMap<>();
    for (Jar jar : zip.jars()) {
      for (String cls : jar.classes().keySet()) {
        owners.computeIfAbsent(cls, c -> new ArrayList<>(2)).add(jar);
      }
    }
    owners.values().removeIf(jars -> jars.size() < 2);
    return owners;
  }

  /** Manifest components: type to class names. */
  public static Map<String, List<String>> components(String manifest) {
    Map<String, List<String>> components = new TreeMap<>();
    if (manifest == null) {
      return components;
    }
    int start = manifest.indexOf("\"components\"");
    Matcher m = COMPONENT.matcher(start < 0 ? "" : manifest.substring(start));
    while (m.find()) {
      components.computeIfAbsent(m.group(1), t -> new ArrayList<>()).add(m.group(2));
    }
    return components;
  }

  private static void checkServices(Contents zip, List<String> violations) {
    Map<String, List<String>> components = components(zip.manifest());
    if (components.isEmpty()) {
      violations.add("manifest.json lists no components");
    }
    Map<String, Set<String>> services = new TreeMap<>();
    Set<String> classes = new TreeSet<>();
    for (Jar jar : zip.jars()) {
      jar.services().forEach((iface, impls) -> services.computeIfAbsent(iface, i -> new TreeSet<>()).addAll(impls));
      classes.addAll(jar.classes().keySet());
    }
    components.forEach((type, names) -> {
      String iface = SERVICE_INTERFACES.get(type);
      if (iface == null) {
        violations.add("manifest.json: unknown component type " + type + " (known: " + SERVICE_INTERFACES.keySet() + ")");
        return;
      }
      for (String name : names) {
        if (!services.getOrDefault(iface, Set.of()).contains(name)) {
          violations.add("missing services entry: no jar lists " + name + " in META-INF/services/" + iface);
        }
        if (!classes.contains(name.replace('.', '/') + ".class")) {
          violations.add("manifest.json names " + name + " but no jar in lib/ holds that class");
        }
      }
    });
    Set<String> connectInterfaces = Set.copyOf(SERVICE_INTERFACES.values());
    services.forEach((iface, impls) -> {
      if (connectInterfaces.contains(iface)) {
        for (String impl : impls) {
          if (!classes.contains(impl.replace('.', '/') + ".class")) {
            violations.add("META-INF/services/" + iface + " lists " + impl + " but no jar in lib/ holds that class");
          }
        }
      }
    });
  }

  private static void checkOwnJars(Contents zip, Settings settings, List<String> violations) {
    Set<String> names = zip.jars().stream().map(Jar::name).collect(Collectors.toSet());
    for (String own : settings.ownJars()) {
      if (!names.contains(own + "-" + settings.version() + ".jar")) {
        violations.add("component jar " + own + "-" + settings.version() + ".jar is missing from lib/");
      }
    }
  }

  private static void checkLicenses(Contents zip, Settings settings, List<String> violations) {
    if (zip.thirdParty() == null) {
      return;
    }
    Set<String> listed = new TreeSet<>();
    Matcher m = THIRD_PARTY.matcher(zip.thirdParty());
    while (m.find()) {
      listed.add(m.group(2) + "-" + m.group(3) + ".jar");
    }
    Set<String> own = settings.ownJars().stream().map(o -> o + "-" + settings.version() + ".jar")
        .collect(Collectors.toSet());
    for (Jar jar : zip.jars()) {
      if (!own.contains(jar.name()) && !listed.contains(jar.name())) {
        violations.add("THIRD-PARTY.txt does not list the license of bundled " + jar.name());
      }
    }
    Set<String> bundled = zip.jars().stream().map(Jar::name).collect(Collectors.toSet());
    for (String name : listed) {
      if (!bundled.contains(name)) {
        violations.add("THIRD-PARTY.txt lists " + name + ", which is not in lib/");
      }
    }
  }

  private static void checkBaseline(Contents zip, Settings settings, List<String> violations) throws IOException {
    if (settings.baseline() == null) {
      return;
    }
    Set<String> expected = Files.exists(settings.baseline())
        ? Files.readAllLines(settings.baseline()).stream().map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new))
        : Set.of();
    Set<String> actual = baselineNames(zip, settings);
    Set<String> added = new TreeSet<>(actual);
    added.removeAll(expected);
    Set<String> removed = new TreeSet<>(expected);
    removed.removeAll(actual);
    if (!added.isEmpty() || !removed.isEmpty()) {
      violations.add("lib/ drifted from " + settings.baseline().getFileName() + ": added " + added + ", removed "
          + removed + "; review the change, then rebuild with -Dplugin.baseline.update=true and commit the file");
    }
  }

  private static Set<String> baselineNames(Contents zip, Settings settings) {
    return zip.jars().stream().map(j -> j.name().replace("-" + settings.version() + ".jar", "-" + VERSION_TOKEN + ".jar"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static String baselineText(Contents zip, Settings settings) {
    return "# Jars in the plugin ZIP's lib/ (checked by PluginZipCheck; regenerate with -Dplugin.baseline.update=true).\n"
        + String.join("\n", baselineNames(zip, settings)) + "\n";
  }

  static String summary(Path path, Contents zip, Settings settings) {
    long classes = zip.jars().stream().mapToLong(j -> j.classes().size()).sum();
    long jarBytes = zip.jars().stream().mapToLong(Jar::size).sum();
    Jar largest = zip.jars().stream().max((a, b) -> Long.compare(a.size(), b.size())).orElse(null);
    return String.format(Locale.ROOT,
        "[plugin-zip] %s: %s (budget %s), %d jars in lib/ (%s uncompressed, largest %s), %d classes"
            + " (%d held by several jars with identical bytes), components %s",
        path.getFileName(), mib(zip.zipBytes()), mib(settings.budgetBytes()), zip.jars().size(), mib(jarBytes),
        largest == null ? "-" : largest.name() + " " + mib(largest.size()), classes,
        duplicateClasses(zip).size(), components(zip.manifest()));
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
  }
}
