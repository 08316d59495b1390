package io.streamlake.connect.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigData;

/**
 * The values of one {@code get(path, keys)} call and their TTL: Connect keeps one TTL per provider and path, so
 * the shortest {@code ?ttl=} of the references resolved together wins; the provider's {@code ttl.ms} applies
 * when none of them sets one.
 */
final class ResolvedValues {

  private final Map<String, String> data = new HashMap<>();
  private final Optional<Long> defaultTtlMs;
  private Long ttlMs;

  ResolvedValues(Optional<Long> defaultTtlMs) {
    this.defaultTtlMs = defaultTtlMs;
  }

  void put(Reference reference, String value) {
    data.put(reference.rawKey(), value);
    reference.ttlMs().ifPresent(ttl -> ttlMs = ttlMs == null ? ttl : Math.min(ttlMs, ttl));
  }

  ConfigData toConfigData() {
    return new ConfigData(data, ttlMs != null ? ttlMs : defaultTtlMs.orElse(null));
  }
}
