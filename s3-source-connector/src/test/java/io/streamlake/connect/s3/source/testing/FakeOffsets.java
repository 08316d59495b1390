package io.streamlake.connect.s3.source.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Committed source offsets held in a map, and a task context that serves them. */
public final class FakeOffsets implements OffsetStorageReader {

  private final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();

  public FakeOffsets commit(Map<String, ?> partition, Map<String, ?> offset) {
    offsets.put(Map.copyOf(partition), Map.copyOf(offset));
    return this;
  }

  @Override
  public <T> Map<String, Object> offset(Map<String, T> partition) {
    return offsets.get(Map.copyOf(partition));
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
    Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
    for (Map<String, T> partition : partitions) {
      Map<String, Object> offset = offset(partition);
      if (offset != null) {
        out.put(partition, offset);
      }
    }
    return out;
  }

  public SourceTaskContext context() {
    FakeOffsets reader = this;
    return new SourceTaskContext() {
      @Override
      public Map<String, String> configs() {
        return Map.of();
      }

      @Override
      public OffsetStorageReader offsetStorageReader() {
        return reader;
      }
    };
  }
}
