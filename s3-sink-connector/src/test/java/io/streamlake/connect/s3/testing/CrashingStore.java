package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.storage.ObjectStore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a store and kills the task (throws {@link SimulatedCrash}, an Error no code path catches) at a chosen
 * point of the exactly-once protocol, counting operations of that kind across the store's life.
 */
public final class CrashingStore extends ForwardingStore {

  /** Where to crash. */
  public enum Point {
    /** Never. */
    NONE,
    /** Right after the n-th epoch marker was written, before any data file of that epoch is visible. */
    AFTER_MARKER,
    /** Right after the n-th data file became visible (between two files of an epoch, or after its last one). */
    AFTER_DATA_FILE,
    /**
     * Right after the n-th side file (keys or headers) became visible: between a side file and its data file, which
     * is published after its side files.
     */
    AFTER_SIDE_FILE
  }

  /** Whether a key is a keys or headers side file ({@code store.kafka.keys}, {@code store.kafka.headers}). */
  public static boolean isSideFile(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return name.contains(".keys.") || name.contains(".headers.");
  }

  /** A dead task: the process is gone, nothing is cleaned up. */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message);
    }
  }

  private final Point point;
  private final int nth;
  private final AtomicInteger markers = new AtomicInteger();
  private final AtomicInteger dataFiles = new AtomicInteger();
  private final AtomicInteger sideFiles = new AtomicInteger();
  private volatile boolean armed = true;

  public CrashingStore(ObjectStore delegate, Point point, int nth) {
    super(delegate);
    this.point = point;
    this.nth = nth;
  }

  /** Whether the crash has happened. */
  public boolean crashed() {
    return !armed;
  }

  private void maybeCrash(Point reached, AtomicInteger counter, String key) {
    if (point == reached && armed && counter.incrementAndGet() == nth) {
      armed = false;
      throw new SimulatedCrash("crash " + reached + " #" + nth + " at " + key);
    }
  }

  private void afterFile(String key) {
    if (isSideFile(key)) {
      maybeCrash(Point.AFTER_SIDE_FILE, sideFiles, key);
    } else {
      maybeCrash(Point.AFTER_DATA_FILE, dataFiles, key);
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
    boolean created = delegate.putIfAbsent(key, data, options);
    if (key.contains("/_epochs/")) {
      if (created) {
        maybeCrash(Point.AFTER_MARKER, markers, key);
      }
    } else {
      afterFile(key);
    }
    return created;
  }

  @Override
  public MultipartUpload startMultipart(String key, ObjectOptions options) {
    return new ForwardingUpload(delegate.startMultipart(key, options)) {
      @Override
      public boolean completeIfAbsent() {
        boolean created = delegate.completeIfAbsent();
        afterFile(key);
        return created;
      }
    };
  }
}
