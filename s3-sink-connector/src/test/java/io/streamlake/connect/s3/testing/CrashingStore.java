package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.storage.ObjectStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a store and kills the task (throws {@link SimulatedCrash}, an Error no code path catches) at a chosen
 * point of the exactly-once protocol, counting operations of that kind across the store's life.
 */
public final class CrashingStore implements ObjectStore {

  /** Where to crash. */
  public enum Point {
    /** Never. */
    NONE,
    /** Right after the n-th epoch marker was written, before any data file of that epoch is visible. */
    AFTER_MARKER,
    /** Right after the n-th data file became visible (between two files of an epoch, or after its last one). */
    AFTER_DATA_FILE
  }

  /** A dead task: the process is gone, nothing is cleaned up. */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message);
    }
  }

  private final ObjectStore delegate;
  private final Point point;
  private final int nth;
  private final AtomicInteger markers = new AtomicInteger();
  private final AtomicInteger dataFiles = new AtomicInteger();
  private volatile boolean armed = true;

  public CrashingStore(ObjectStore delegate, Point point, int nth) {
    this.delegate = delegate;
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

  @Override
  public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
    boolean created = delegate.putIfAbsent(key, data, options);
    if (key.contains("/_epochs/")) {
      if (created) {
        maybeCrash(Point.AFTER_MARKER, markers, key);
      }
    } else {
      maybeCrash(Point.AFTER_DATA_FILE, dataFiles, key);
    }
    return created;
  }

  @Override
  public MultipartUpload startMultipart(String key, ObjectOptions options) {
    MultipartUpload upload = delegate.startMultipart(key, options);
    return new MultipartUpload() {
      @Override
      public void uploadPart(int partNumber, byte[] data, int length) {
        upload.uploadPart(partNumber, data, length);
      }

      @Override
      public boolean completeIfAbsent() {
        boolean created = upload.completeIfAbsent();
        maybeCrash(Point.AFTER_DATA_FILE, dataFiles, key);
        return created;
      }

      @Override
      public void abort() {
        upload.abort();
      }
    };
  }

  @Override
  public Optional<byte[]> get(String key) {
    return delegate.get(key);
  }

  @Override
  public Optional<Map<String, String>> metadata(String key) {
    return delegate.metadata(key);
  }

  @Override
  public Map<String, String> tags(String key) {
    return delegate.tags(key);
  }

  @Override
  public void tag(String key, Map<String, String> tags) {
    delegate.tag(key, tags);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public String bucket() {
    return delegate.bucket();
  }
}
