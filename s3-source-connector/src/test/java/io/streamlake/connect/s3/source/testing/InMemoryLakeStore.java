package io.streamlake.connect.s3.source.testing;

import io.streamlake.connect.s3.source.listing.LakeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bucket in memory for the source's tests: objects with user metadata, and a record of downloads and HEADs. */
public final class InMemoryLakeStore implements LakeStore {

  private final TreeMap<String, byte[]> objects = new TreeMap<>();
  private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();
  private final List<String> downloads = new CopyOnWriteArrayList<>();
  private final List<String> heads = new CopyOnWriteArrayList<>();

  public synchronized void put(String key, byte[] data, Map<String, String> userMetadata) {
    objects.put(key, data);
    metadata.put(key, Map.copyOf(userMetadata));
  }

  @Override
  public synchronized List<String> list(String prefix) {
    List<String> out = new ArrayList<>();
    for (String key : objects.tailMap(prefix, true).keySet()) {
      if (!key.startsWith(prefix)) {
        break;
      }
      out.add(key);
    }
    return out;
  }

  @Override
  public Optional<Map<String, String>> metadata(String key) {
    heads.add(key);
    return Optional.ofNullable(metadata.get(key));
  }

  @Override
  public void download(String key, Path target) {
    byte[] data;
    synchronized (this) {
      data = objects.get(key);
    }
    if (data == null) {
      throw new IllegalStateException("no such key " + key);
    }
    downloads.add(key);
    try {
      Files.write(target, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String bucket() {
    return "in-memory";
  }

  /** Keys downloaded so far, in order. */
  public List<String> downloads() {
    return List.copyOf(downloads);
  }

  /** Keys whose metadata was read, in order. */
  public List<String> heads() {
    return List.copyOf(heads);
  }
}
