package io.streamlake.connect.s3.source.task;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The file readers as the task uses them: the seam to the reader API of package {@code read} (issue 18 spec
 * section 3, {@code StoredFileReaders}), which an implementation of this interface adapts. The task finds its
 * implementation with {@link ServiceLoader} ({@code META-INF/services}), so the task does not depend on the
 * reader classes directly.
 */
public interface ReplayReaders {

  /**
   * Opens a downloaded data file and, when given, its keys and headers side files (null when absent).
   *
   * @param envelope whether rows are envelopes ({@code store.envelope})
   */
  Reader open(LocalFile data, LocalFile keys, LocalFile headers, boolean envelope) throws IOException;

  /** A downloaded object. */
  record LocalFile(String objectKey, Path path) {
  }

  /** Records of one opened file. */
  interface Reader extends Closeable {
    /** The next record, or null at the end; a DataException naming the object on bad content. */
    ReplayRecord next() throws IOException;
  }

  /**
   * Which implementation {@link #load()} takes when several are registered: the highest wins. The file readers
   * have 0; a test that replaces them with fakes on the class path registers one with a higher priority.
   */
  default int priority() {
    return 0;
  }

  /**
   * The registered implementation ({@code META-INF/services}) with the highest {@link #priority()}.
   *
   * @throws ConnectException when none is on the class path
   */
  static ReplayReaders load() {
    ReplayReaders chosen = null;
    for (ReplayReaders candidate : ServiceLoader.load(ReplayReaders.class, ReplayReaders.class.getClassLoader())) {
      if (chosen == null || candidate.priority() > chosen.priority()) {
        chosen = candidate;
      }
    }
    if (chosen == null) {
      throw new ConnectException("No " + ReplayReaders.class.getName() + " implementation is registered in"
          + " META-INF/services: the S3 source connector's file readers are missing from the plugin");
    }
    return chosen;
  }
}
