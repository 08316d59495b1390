package io.streamlake.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded map that drops its least recently used entry, with the semantics of Kafka's {@code LRUCache} (access
 * order; a get counts as use; a capacity of 0 keeps nothing). Synchronized: Connect may share a converter between
 * threads. The one bounded cache of the bundle's components (schema caches of the converters).
 */
public final class LruCache<K, V> {

  private final LinkedHashMap<K, V> map;

  public LruCache(int capacity) {
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  public synchronized V get(K key) {
    return map.get(key);
  }

  public synchronized void put(K key, V value) {
    map.put(key, value);
  }

  public synchronized void remove(K key) {
    map.remove(key);
  }

  public synchronized int size() {
    return map.size();
  }
}
