package io.streamlake.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory the local S3 endpoint stores objects in. A run starts with an empty bucket directory, so offsets that
 * restart at 0 on a fresh broker never meet the files (and epoch markers) of an earlier run. Only a directory this
 * demo created (it holds a marker file) is ever emptied.
 */
final class DemoDataDir {

  private static final String OWNED_MARKER = ".streamlake-local";

  private DemoDataDir() {}

  /** Creates {@code dataDir} if needed; empties its {@code bucket} directory unless {@code keep}. */
  static boolean prepare(Path dataDir, String bucket, boolean keep) throws IOException {
    Path bucketDir = dataDir.resolve(bucket);
    boolean owned = Files.exists(dataDir.resolve(OWNED_MARKER));
    boolean emptied = false;
    if (!keep && owned && Files.exists(bucketDir)) {
      deleteTree(bucketDir);
      emptied = true;
    }
    Files.createDirectories(dataDir);
    if (!owned) {
      Files.writeString(dataDir.resolve(OWNED_MARKER), "written by streamlake local; its bucket directories are"
          + " emptied at each run\n");
    }
    return emptied;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
