package io.streamlake.connect.gsr;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded map that drops its least recently used entry. Synchronized: Connect may share a converter. */
final class LruCache<K, V> {

  private final LinkedHashMap<K, V> map;

  LruCache(int capacity) {
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized V get(K key) {
    return map.get(key);
  }

  synchronized void put(K key, V value) {
    map.put(key, value);
  }

  synchronized void remove(K key) {
    map.remove(key);
  }

  synchronized int size() {
    return map.size();
  }
}
