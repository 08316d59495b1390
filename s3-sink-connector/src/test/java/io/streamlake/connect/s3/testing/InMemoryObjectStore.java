package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.storage.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link ObjectStore} in memory, with conditional writes like S3's and counters for assertions. */
public final class InMemoryObjectStore implements ObjectStore {

  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();
  private final AtomicInteger openUploads = new AtomicInteger();
  private final AtomicInteger partUploads = new AtomicInteger();
  private final AtomicInteger puts = new AtomicInteger();

  @Override
  public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
    puts.incrementAndGet();
    boolean created = objects.putIfAbsent(key, data.clone()) == null;
    if (created) {
      tags.put(key, options.tags());
      metadata.put(key, Map.copyOf(options.metadata()));
    }
    return created;
  }

  @Override
  public MultipartUpload startMultipart(String key, ObjectOptions options) {
    openUploads.incrementAndGet();
    return new MultipartUpload() {
      private final TreeMap<Integer, byte[]> parts = new TreeMap<>();
      private boolean finished;

      @Override
      public void uploadPart(int partNumber, byte[] data, int length) {
        partUploads.incrementAndGet();
        byte[] copy = new byte[length];
        System.arraycopy(data, 0, copy, 0, length);
        parts.put(partNumber, copy);
      }

      @Override
      public boolean completeIfAbsent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.values().forEach(out::writeBytes);
        finish();
        boolean created = objects.putIfAbsent(key, out.toByteArray()) == null;
        if (created) {
          metadata.put(key, Map.copyOf(options.metadata()));
        }
        return created;
      }

      @Override
      public void abort() {
        finish();
      }

      private void finish() {
        if (!finished) {
          finished = true;
          openUploads.decrementAndGet();
        }
      }
    };
  }

  @Override
  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
  }

  @Override
  public Optional<Map<String, String>> metadata(String key) {
    return objects.containsKey(key) ? Optional.of(metadata.getOrDefault(key, Map.of())) : Optional.empty();
  }

  @Override
  public void tag(String key, Map<String, String> tagSet) {
    tags.put(key, Map.copyOf(tagSet));
  }

  @Override
  public void delete(String key) {
    objects.remove(key);
    tags.remove(key);
    metadata.remove(key);
  }

  @Override
  public String bucket() {
    return "memory";
  }

  public List<String> keys() {
    List<String> keys = new ArrayList<>(objects.keySet());
    keys.sort(String::compareTo);
    return keys;
  }

  public byte[] object(String key) {
    return objects.get(key);
  }

  @Override
  public Map<String, String> tags(String key) {
    return tags.getOrDefault(key, Map.of());
  }

  /** Multipart uploads started and neither completed nor aborted. */
  public int openUploads() {
    return openUploads.get();
  }

  public int partUploads() {
    return partUploads.get();
  }
}
