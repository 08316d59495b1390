package io.streamlake.connect.s3.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** Largest chunk: chunks double from {@link #INITIAL_BUFFER} up to this. */
  private static final int MAX_CHUNK = 1024 * 1024;

  private final ObjectStore store;
  private final String key;
  private final int partSize;
  private final ObjectStore.ObjectOptions multipartOptions;
  /**
   * The part's bytes in chunks of doubling size, filled in order: growing never copies what is held (a single
   * growing array copied the whole file about once more on its way to the upload); one copy joins them when the
   * part leaves. Null once sealed or aborted.
   */
  private List<byte[]> chunks = new ArrayList<>();
  private int allocated;
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

  /** Heap held by the part buffer: its chunks' capacity, which is at most twice what it holds (or 1 KiB). */
  public int allocated() {
    return chunks == null ? 0 : allocated;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    ensureCapacity(1);
    byte[] last = chunks.get(chunks.size() - 1);
    last[length - (allocated - last.length)] = (byte) b;
    length++;
    total++;
    if (length >= partSize) {
      flushPart();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      ensureCapacity(1);
      byte[] last = chunks.get(chunks.size() - 1);
      int at = length - (allocated - last.length);
      int chunk = Math.min(Math.min(len, partSize - length), last.length - at);
      System.arraycopy(b, off, last, at, chunk);
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
        multipart.uploadPart(nextPart++, joined(), length);
      }
      chunks = null;
      return new Sealed(options, null, total);
    }
    byte[] bytes = joined();
    chunks = null;
    return new Sealed(options, bytes, total);
  }

  /** Gives up: aborts a multipart upload and drops the buffer. Never throws. */
  public void abort() {
    sealed = true;
    chunks = null;
    if (multipart != null) {
      multipart.abort();
    }
  }

  private void flushPart() {
    if (multipart == null) {
      multipart = store.startMultipart(key, multipartOptions);
    }
    multipart.uploadPart(nextPart++, joined(), length);
    length = 0;
    allocated = 0;
    chunks = new ArrayList<>();
  }

  /** The part's bytes in one array of exactly {@code length} bytes. */
  private byte[] joined() {
    byte[] bytes = new byte[length];
    int at = 0;
    for (byte[] chunk : chunks) {
      int n = Math.min(chunk.length, length - at);
      System.arraycopy(chunk, 0, bytes, at, n);
      at += n;
    }
    return bytes;
  }

  /** Adds a chunk when the last one is full: twice the size held so far, within [1 KiB, 1 MiB] and the part. */
  private void ensureCapacity(int extra) {
    if (length + extra > allocated) {
      int size = Math.max(extra, Math.min(Math.min(Math.max(INITIAL_BUFFER, allocated), MAX_CHUNK),
          partSize - length));
      chunks.add(new byte[size]);
      allocated += size;
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
