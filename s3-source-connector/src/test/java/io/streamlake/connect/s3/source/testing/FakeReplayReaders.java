package io.streamlake.connect.s3.source.testing;

import io.streamlake.connect.s3.source.task.ReplayReaders;
import io.streamlake.connect.s3.source.task.ReplayRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * File readers for tests: a "file" holds its own object key as text, and its rows are registered here under that
 * key ({@link #register}), so tests control every row without a real format. The registry is static so that a
 * task started by a Connect worker in this JVM sees it. Checks that the downloaded file is the object asked for
 * and records which side files came with each data file.
 */
public final class FakeReplayReaders implements ReplayReaders {

  private static final Map<String, List<ReplayRecord>> ROWS = new ConcurrentHashMap<>();
  private static final List<Opened> OPENED = new CopyOnWriteArrayList<>();

  /** What the reader was given. */
  public record Opened(String data, String keys, String headers, boolean envelope) {
  }

  /** The rows of {@code key}; the object's bytes must be {@link #content(String)}. */
  public static void register(String key, List<ReplayRecord> rows) {
    ROWS.put(key, List.copyOf(rows));
  }

  /** The bytes to store for a fake file. */
  public static byte[] content(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  public static List<Opened> opened() {
    return List.copyOf(OPENED);
  }

  public static void reset() {
    ROWS.clear();
    OPENED.clear();
  }

  /** Set by a test whose worker (in this JVM) must read fake files: then these readers win over the real ones. */
  public static final String ENABLED_PROPERTY = "streamlake.test.fake-readers";

  /** Wins over the real file readers only while {@link #ENABLED_PROPERTY} is set; loses otherwise. */
  @Override
  public int priority() {
    return Boolean.getBoolean(ENABLED_PROPERTY) ? 100 : -100;
  }

  @Override
  public Reader open(LocalFile data, LocalFile keys, LocalFile headers, boolean envelope) throws IOException {
    String stored = Files.readString(data.path(), StandardCharsets.UTF_8);
    if (!stored.equals(data.objectKey())) {
      throw new IOException("downloaded " + data.path() + " holds " + stored + ", not " + data.objectKey());
    }
    List<ReplayRecord> rows = ROWS.get(data.objectKey());
    if (rows == null) {
      throw new IOException("no rows registered for " + data.objectKey());
    }
    OPENED.add(new Opened(data.objectKey(), keys == null ? null : keys.objectKey(),
        headers == null ? null : headers.objectKey(), envelope));
    Iterator<ReplayRecord> it = rows.iterator();
    return new Reader() {
      private boolean closed;

      @Override
      public ReplayRecord next() throws IOException {
        if (closed) {
          throw new IOException("closed");
        }
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}
