package io.streamlake.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check of {@link PluginZipCheck} on a small synthetic ZIP: a good one passes, each defect is named. */
class PluginZipCheckTest {

  private static final String VERSION = "1.2.3";
  private static final String SINK = "com.example.Sink";
  private static final String SMT = "com.example.Unwrap";
  private static final String SINK_SERVICE = "META-INF/services/org.apache.kafka.connect.sink.SinkConnector";
  private static final String SMT_SERVICE = "META-INF/services/org.apache.kafka.connect.transforms.Transformation";

  @TempDir
  Path dir;

  /** lib/ jar name to entries (entry name to content). */
  private Map<String, Map<String, byte[]>> jars;
  private String manifest;
  private String thirdParty;

  @BeforeEach
  void goodPlugin() {
    jars = new LinkedHashMap<>();
    jars.put("example-connector-" + VERSION + ".jar", entries(
        "com/example/Sink.class", "sink",
        "com/example/Unwrap.class", "smt",
        SINK_SERVICE, SINK + "\n",
        SMT_SERVICE, "# our SMTs\n" + SMT + "\n"));
    jars.put("lib-a-1.0.jar", entries("org/a/A.class", "a", "META-INF/versions/11/org/a/A.class", "a11",
        "module-info.class", "module a"));
    jars.put("lib-b-2.0.jar", entries("org/b/B.class", "b", "module-info.class", "module b",
        "shared/Same.class", "identical"));
    jars.put("lib-c-3.0.jar", entries("org/c/C.class", "c", "shared/Same.class", "identical"));
    manifest = "{\"name\": \"example\", \"components\": [\n"
        + "  {\"type\": \"sink\", \"class\": \"" + SINK + "\", \"title\": \"the sink\"},\n"
        + "  {\"type\": \"transform\", \"class\": \"" + SMT + "\"}\n]}";
    thirdParty = "Lists of 3 third-party dependencies.\n"
        + "     (Apache-2.0) A (org.a:lib-a:1.0 - https://a.example)\n"
        + "     (MIT) B (org.b:lib-b:2.0 - no url defined)\n"
        + "     (BSD-3-Clause) C (org.c:lib-c:3.0 - https://c.example)\n";
  }

  private static Map<String, byte[]> entries(String... nameThenContent) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < nameThenContent.length; i += 2) {
      entries.put(nameThenContent[i], nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return entries;
  }

  private Path writeZip(String root) throws IOException {
    Path zip = dir.resolve("plugin.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, root + "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
      put(out, root + "LICENSE", "Apache License".getBytes(StandardCharsets.UTF_8));
      put(out, root + "NOTICE", "notice".getBytes(StandardCharsets.UTF_8));
      put(out, root + "THIRD-PARTY.txt", thirdParty.getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, Map<String, byte[]>> jar : jars.entrySet()) {
        put(out, root + "lib/" + jar.getKey(), jar(jar.getValue()));
      }
    }
    return zip;
  }

  private static byte[] jar(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        put(out, entry.getKey(), entry.getValue());
      }
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content);
    out.closeEntry();
  }

  private PluginZipCheck.Settings settings(long budgetBytes, Path baseline) {
    return new PluginZipCheck.Settings(budgetBytes, VERSION, List.of("example-connector"), baseline, false);
  }

  private List<String> violations() throws IOException {
    return violations(settings(1024 * 1024, null));
  }

  private List<String> violations(PluginZipCheck.Settings settings) throws IOException {
    return PluginZipCheck.check(PluginZipCheck.read(writeZip("example-1.2.3/")), settings);
  }

  @Test
  void testGoodZipPasses() throws IOException {
    assertThat(violations()).isEmpty();
  }

  @Test
  void testIdenticalDuplicateClassIsAllowedAndCounted() throws IOException {
    PluginZipCheck.Contents contents = PluginZipCheck.read(writeZip("example-1.2.3/"));
    assertThat(PluginZipCheck.duplicateClasses(contents)).containsOnlyKeys("shared/Same.class");
    assertThat(PluginZipCheck.summary(dir.resolve("plugin.zip"), contents, settings(1024 * 1024, null)))
        .contains("4 jars in lib/").contains("1 held by several jars with identical bytes");
  }

  @Test
  void testForbiddenJarByName() throws IOException {
    for (String name : List.of("kafka-clients-3.7.2.jar", "connect-api-3.7.2.jar", "connect-runtime-3.7.2.jar",
        "connect-json-3.7.2.jar", "connect-transforms-3.7.2.jar", "slf4j-api-1.7.36.jar", "slf4j-reload4j-1.7.36.jar",
        "log4j-1.2.17.jar", "reload4j-1.2.25.jar", "log4j-core-2.24.0.jar", "logback-classic-1.5.6.jar",
        "kafka_2.13-3.7.2.jar")) {
      goodPlugin();
      jars.put(name, entries("x/Y" + name.length() + ".class", "y"));
      thirdParty += "     (Apache-2.0) X (x:" + name.replaceAll("-\\d.*", "") + ":"
          + name.replaceAll("^.*?-(\\d.*)\\.jar$", "$1") + " - no url defined)\n";
      assertThat(violations()).as(name).containsExactly("forbidden jar " + name + ": the Connect worker provides it");
    }
  }

  @Test
  void testForbiddenPackageInsideARenamedJar() throws IOException {
    jars.put("fat-1.0.jar", entries("org/apache/kafka/clients/producer/KafkaProducer.class", "p",
        "org/slf4j/Logger.class", "l"));
    thirdParty += "     (Apache-2.0) Fat (x:fat:1.0 - no url defined)\n";
    assertThat(violations()).hasSize(2)
        .anyMatch(v -> v.startsWith("jar fat-1.0.jar holds worker-provided package org.apache.kafka."))
        .anyMatch(v -> v.startsWith("jar fat-1.0.jar holds worker-provided package org.slf4j."));
  }

  @Test
  void testSameClassWithDifferentBytesInTwoJars() throws IOException {
    jars.get("lib-c-3.0.jar").put("org/b/B.class", "another b".getBytes(StandardCharsets.UTF_8));
    assertThat(violations()).containsExactly(
        "1 class(es) in more than one jar [lib-b-2.0.jar, lib-c-3.0.jar] with different bytes, e.g. [org/b/B.class]");
  }

  @Test
  void testModuleInfoAndMetaInfAreNotDuplicates() throws IOException {
    jars.get("lib-c-3.0.jar").put("META-INF/versions/11/org/a/A.class", "other".getBytes(StandardCharsets.UTF_8));
    jars.get("lib-c-3.0.jar").put("module-info.class", "module c".getBytes(StandardCharsets.UTF_8));
    assertThat(violations()).isEmpty();
  }

  @Test
  void testZipOverBudget() throws IOException {
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    jars.get("lib-a-1.0.jar").put("org/a/noise.bin", noise);
    List<String> violations = violations(settings(32 * 1024, null));
    assertThat(violations).hasSize(1);
    assertThat(violations.get(0)).startsWith("ZIP is 0.1 MiB, over its budget of 0.0 MiB");
  }

  @Test
  void testMissingServicesEntry() throws IOException {
    jars.get("example-connector-" + VERSION + ".jar").put(SMT_SERVICE, "# none\n".getBytes(StandardCharsets.UTF_8));
    assertThat(violations()).containsExactly("missing services entry: no jar lists " + SMT
        + " in META-INF/services/org.apache.kafka.connect.transforms.Transformation");
  }

  @Test
  void testServicesEntryNamingAnAbsentClass() throws IOException {
    jars.get("example-connector-" + VERSION + ".jar").put(SINK_SERVICE,
        (SINK + "\ncom.example.Gone\n").getBytes(StandardCharsets.UTF_8));
    assertThat(violations()).containsExactly("META-INF/services/org.apache.kafka.connect.sink.SinkConnector lists "
        + "com.example.Gone but no jar in lib/ holds that class");
  }

  @Test
  void testManifestComponentWithoutItsClass() throws IOException {
    jars.get("example-connector-" + VERSION + ".jar").remove("com/example/Unwrap.class");
    assertThat(violations()).contains("manifest.json names " + SMT + " but no jar in lib/ holds that class");
  }

  @Test
  void testManifestWithoutComponents() throws IOException {
    manifest = "{\"name\": \"example\"}";
    assertThat(violations()).containsExactly("manifest.json lists no components");
  }

  @Test
  void testMissingComponentJar() throws IOException {
    List<String> violations = violations(new PluginZipCheck.Settings(1024 * 1024, VERSION,
        List.of("example-connector", "example-lag"), null, false));
    assertThat(violations).containsExactly("component jar example-lag-1.2.3.jar is missing from lib/");
  }

  @Test
  void testLayout() throws IOException {
    Path zip = writeZip("");
    List<String> violations = PluginZipCheck.check(PluginZipCheck.read(zip), settings(1024 * 1024, null));
    assertThat(violations).anyMatch(v -> v.startsWith("ZIP must hold exactly one top-level folder"));
  }

  @Test
  void testBundledJarMissingFromThirdPartyList() throws IOException {
    thirdParty = thirdParty.replace("     (MIT) B (org.b:lib-b:2.0 - no url defined)\n", "");
    assertThat(violations()).containsExactly("THIRD-PARTY.txt does not list the license of bundled lib-b-2.0.jar");
  }

  @Test
  void testThirdPartyListNamingAJarNotBundled() throws IOException {
    thirdParty += "     (Apache-2.0) D (org.d:lib-d:4.0 - no url defined)\n";
    assertThat(violations()).containsExactly("THIRD-PARTY.txt lists lib-d-4.0.jar, which is not in lib/");
  }

  @Test
  void testBaselineDrift() throws IOException {
    Path baseline = dir.resolve("plugin-jars.txt");
    Files.writeString(baseline, "# comment\nexample-connector-${project.version}.jar\nlib-a-1.0.jar\nlib-b-1.9.jar\n"
        + "lib-c-3.0.jar\n");
    assertThat(violations(settings(1024 * 1024, baseline))).singleElement().asString()
        .startsWith("lib/ drifted from plugin-jars.txt: added [lib-b-2.0.jar], removed [lib-b-1.9.jar]");
    PluginZipCheck.Contents contents = PluginZipCheck.read(writeZip("example-1.2.3/"));
    Files.writeString(baseline, PluginZipCheck.baselineText(contents, settings(0, baseline)));
    assertThat(violations(settings(1024 * 1024, baseline))).isEmpty();
  }

  @Test
  void testMainFailsOnViolation() throws IOException {
    jars.put("slf4j-api-1.7.36.jar", entries("org/slf4j/Logger.class", "l"));
    Path zip = writeZip("example-1.2.3/");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> PluginZipCheck.main(new String[] {
        "--zip=" + zip, "--budget-mb=1", "--version=" + VERSION, "--own-jars=example-connector"}));
    assertThat(e.getMessage()).contains("forbidden jar slf4j-api-1.7.36.jar");
  }

  @Test
  void testMainRejectsMalformedArguments() {
    assertThrows(IllegalArgumentException.class, () -> PluginZipCheck.main(new String[] {"zip"}));
    assertThrows(IllegalArgumentException.class, () -> PluginZipCheck.main(new String[] {"--zip=x.zip"}));
  }
}
