package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.listing.LakeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's temporary directory: each file is downloaded there before it is read and deleted as soon as it is
 * closed; the directory goes when the task stops.
 */
public final class Downloads implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);

  private final LakeStore store;
  private final Path dir;
  private final AtomicLong counter = new AtomicLong();

  public Downloads(LakeStore store, Path dir) {
    this.store = store;
    this.dir = dir;
  }

  /** A new directory under the JVM's temporary directory. */
  public static Downloads inTempDir(LakeStore store) {
    try {
      return new Downloads(store, Files.createTempDirectory("streamlake-replay-"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for downloads", e);
    }
  }

  /** Downloads {@code key} into the directory. */
  public ReplayReaders.LocalFile fetch(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    Path target = dir.resolve(counter.incrementAndGet() + "-" + name);
    ReplayReaders.LocalFile file = new ReplayReaders.LocalFile(key, target);
    try {
      store.download(key, target);
    } catch (RuntimeException e) {
      delete(file); // a download cut off midway leaves a partial copy behind
      throw e;
    }
    return file;
  }

  /** Deletes a downloaded file; never throws. */
  public void delete(ReplayReaders.LocalFile file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file.path());
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", file.path(), e.toString());
    }
  }

  public Path dir() {
    return dir;
  }

  /** Deletes the directory and whatever is left in it; never throws. */
  @Override
  public void close() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          LOG.warn("Could not delete {}: {}", path, e.toString());
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not clean {}: {}", dir, e.toString());
    }
  }
}
