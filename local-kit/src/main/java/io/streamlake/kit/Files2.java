package io.streamlake.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting the temporary directories the kit created. */
final class Files2 {

  private Files2() {}

  /** Deletes {@code dir} and everything under it; a file that cannot be deleted is left behind, not thrown. */
  static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // a file still held open by a closing log segment; the rest is deleted
        }
      });
    } catch (IOException e) {
      // the directory vanished meanwhile
    }
  }
}
