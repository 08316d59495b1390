package io.streamlake.connect.s3.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of one object on their way to S3. A part leaves memory as soon as {@code partSize} bytes are
 * buffered (multipart upload); an object smaller than one part is kept and written with a single PUT.
 * Nothing becomes visible in the bucket before {@link Sealed#commit()}: a part upload is not an object.
 */
public final class UploadStream extends OutputStream {

  private static final Logger log = LoggerFactory.getLogger(UploadStream.class);

  /**
   * Small: thousands of files may be open, and most bytes arrive in large row-group flushes. Allocated at the
   * first byte: a file that keeps its rows compact until it is cut holds no upload buffer until then.
   */
  private static final int INITIAL_BUFFER = 1024;

  private static final byte[] EMPTY = new byte[0];

  private final ObjectStore store;
  private final String key;
  private final int partSize;
  private final ObjectStore.ObjectOptions multipartOptions;
  private byte[] buffer = EMPTY;
  private int length;
  private long total;
  private ObjectStore.MultipartUpload multipart;
  private int nextPart = 1;
  private boolean sealed;

  public UploadStream(ObjectStore store, String key, int partSize) {
    this(store, key, partSize, ObjectStore.ObjectOptions.NONE);
  }

  /**
   * @param multipartOptions what is known of the object when its first part fills (metadata such as its first
   *     offset); the rest comes at {@link #seal}
   */
  public UploadStream(ObjectStore store, String key, int partSize, ObjectStore.ObjectOptions multipartOptions) {
    this.store = store;
    this.key = key;
    this.partSize = partSize;
    this.multipartOptions = multipartOptions;
  }

  public String key() {
    return key;
  }

  /** Bytes written so far. */
  public long total() {
    return total;
  }

  /** Bytes held in memory (at most one part). */
  public int buffered() {
    return length;
  }

  /** Heap held by the part buffer: its capacity, which is at most twice what it holds (or 1 KiB). */
  public int allocated() {
    return buffer == null ? 0 : buffer.length;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    ensureCapacity(1);
    buffer[length++] = (byte) b;
    total++;
    if (length >= partSize) {
      flushPart();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      int chunk = Math.min(len, partSize - length);
      ensureCapacity(chunk);
      System.arraycopy(b, off, buffer, length, chunk);
      length += chunk;
      total += chunk;
      off += chunk;
      len -= chunk;
      if (length >= partSize) {
        flushPart();
      }
    }
  }

  /** Closing the stream (as encoders do when they finish) does not publish anything; see {@link #seal()}. */
  @Override
  public void close() {
    // Intentionally empty: the owner decides when to seal and commit.
  }

  /**
   * No more bytes: uploads the last part if a multipart upload is under way.
   *
   * @param options the object's tags and metadata; a single PUT carries both, a multipart object gets the
   *     metadata it did not have at its start as tags after completion (S3 cannot add metadata then)
   */
  public Sealed seal(ObjectStore.ObjectOptions options) {
    ensureOpenUnchecked();
    sealed = true;
    if (multipart != null) {
      if (length > 0) {
        multipart.uploadPart(nextPart++, buffer, length);
      }
      buffer = null;
      return new Sealed(options, null, total);
    }
    byte[] bytes = Arrays.copyOf(buffer, length);
    buffer = null;
    return new Sealed(options, bytes, total);
  }

  /** Gives up: aborts a multipart upload and drops the buffer. Never throws. */
  public void abort() {
    sealed = true;
    buffer = null;
    if (multipart != null) {
      multipart.abort();
    }
  }

  private void flushPart() {
    if (multipart == null) {
      multipart = store.startMultipart(key, multipartOptions);
    }
    multipart.uploadPart(nextPart++, buffer, length);
    length = 0;
    buffer = EMPTY;
  }

  private void ensureCapacity(int extra) {
    if (length + extra > buffer.length) {
      int size = Math.min(Math.max(Math.max(INITIAL_BUFFER, buffer.length * 2), length + extra),
          Math.max(partSize, length + extra));
      buffer = Arrays.copyOf(buffer, size);
    }
  }

  private void ensureOpen() throws IOException {
    if (sealed) {
      throw new IOException("Upload of " + key + " is already sealed");
    }
  }

  private void ensureOpenUnchecked() {
    if (sealed) {
      throw new IllegalStateException("Upload of " + key + " is already sealed");
    }
  }

  /** A finished object, waiting to be made visible. */
  public final class Sealed {
    private final ObjectStore.ObjectOptions options;
    private final byte[] singlePut;
    private final long size;

    private Sealed(ObjectStore.ObjectOptions options, byte[] singlePut, long size) {
      this.options = options;
      this.singlePut = singlePut;
      this.size = size;
    }

    public String key() {
      return key;
    }

    public long size() {
      return size;
    }

    /**
     * Makes the object visible unless the key exists (a replay of the same deterministic file).
     *
     * @return false when it already existed; the data is then discarded
     */
    public boolean commit() {
      if (singlePut != null) {
        return store.putIfAbsent(key, singlePut, options);
      }
      boolean created = multipart.completeIfAbsent();
      Map<String, String> tags = tagsAfterCompletion();
      if (created && !tags.isEmpty()) {
        try {
          store.tag(key, tags);
        } catch (StoreException e) {
          if (!options.tags().isEmpty()) {
            throw e; // tags the user asked for (s3.object.tagging)
          }
          log.warn("Could not tag s3://{}/{} with the offsets it holds ({}); it is published, but a replay that"
              + " finds it relies on its epoch marker (grant s3:PutObjectTagging to the connector's role)",
              store.bucket(), key, e.getMessage());
        }
      }
      return created;
    }

    private Map<String, String> tagsAfterCompletion() {
      Map<String, String> tags = new LinkedHashMap<>(options.tags());
      options.metadata().forEach((name, value) -> {
        if (!value.equals(multipartOptions.metadata().get(name))) {
          tags.put(name, value);
        }
      });
      return tags;
    }

    /** Discards the object without making it visible. Never throws. */
    public void abort() {
      if (multipart != null) {
        multipart.abort();
      }
    }
  }
}
