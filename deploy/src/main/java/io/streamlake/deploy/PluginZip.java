package io.streamlake.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The built plugin ZIP unpacked into a temporary plugin path, laid out as a Connect worker (and MSK Connect)
 * sees it: {@code <pluginPath>/streamlake/...jars}. Deleted again by {@link #close()}.
 */
public final class PluginZip implements AutoCloseable {

  /** System property (set by the launchers and the build) naming the ZIP. */
  public static final String ZIP_PROPERTY = "streamlake.plugin.zip";

  private final Path zip;
  private final Path root;
  private final Path pluginPath;
  private final int jarCount;

  private PluginZip(Path zip, Path root, Path pluginPath, int jarCount) {
    this.zip = zip;
    this.root = root;
    this.pluginPath = pluginPath;
    this.jarCount = jarCount;
  }

  /**
   * The ZIP to use: {@code explicit} if given, else the {@value #ZIP_PROPERTY} system property, else the newest
   * {@code packaging/target/streamlake-plugin-*.zip} below the working directory or one of its parents.
   */
  public static Path locate(String explicit) {
    String named = explicit != null ? explicit : System.getProperty(ZIP_PROPERTY);
    if (named != null && !named.isBlank()) {
      Path path = Path.of(named);
      if (!Files.isRegularFile(path)) {
        throw new Args.UsageException("plugin ZIP " + path + " does not exist; build it with"
            + " `mvn -B -ntp -pl packaging -am install -DskipTests`");
      }
      return path;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path target = dir.resolve("packaging").resolve("target");
      if (Files.isDirectory(target)) {
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(target, "streamlake-plugin-*.zip")) {
          List<Path> found = new ArrayList<>();
          zips.forEach(found::add);
          found.sort(Comparator.comparing(PluginZip::modified).reversed());
          if (!found.isEmpty()) {
            return found.get(0);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new Args.UsageException("no plugin ZIP found: pass --plugin-zip, or build it with"
        + " `mvn -B -ntp -pl packaging -am install -DskipTests`");
  }

  /** Unpacks {@code zip} into a new temporary directory. */
  public static PluginZip unpack(Path zip) throws IOException {
    Path root = Files.createTempDirectory("streamlake-plugin-");
    Path plugin = root.resolve("streamlake");
    Files.createDirectories(plugin);
    int jars = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = plugin.resolve(entry.getName()).normalize();
        if (!target.startsWith(plugin)) {
          throw new IOException(zip + ": entry " + entry.getName() + " points outside the plugin directory");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        if (entry.getName().endsWith(".jar")) {
          jars++;
        }
      }
    } catch (IOException e) {
      deleteTree(root);
      throw e;
    }
    if (jars == 0) {
      deleteTree(root);
      throw new IOException(zip + " holds no jar: is it a Kafka Connect plugin ZIP?");
    }
    return new PluginZip(zip, root, root, jars);
  }

  public Path zip() {
    return zip;
  }

  /** The directory to set as the worker's {@code plugin.path}. */
  public Path pluginPath() {
    return pluginPath;
  }

  public int jarCount() {
    return jarCount;
  }

  @Override
  public void close() {
    deleteTree(root);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a temp file left behind is harmless
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

}
