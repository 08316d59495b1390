package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.storage.ObjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads every data object back and compares the multiset of (topic, partition, offset) with what was
 * produced. Records carry their offset in the {@code id} field (see {@link Orders}).
 */
public final class LandedRecords {

  private static final Pattern DATA_KEY = Pattern.compile(".*/([^/+]+)\\+(\\d+)\\+(\\d+)\\.[a-z0-9.]+$");

  private final Map<String, Integer> counts = new HashMap<>();
  private int files;

  /** Every data object of {@code keys} (markers under _epochs/ are skipped). */
  public static LandedRecords read(List<String> keys, java.util.function.Function<String, byte[]> get) throws Exception {
    LandedRecords landed = new LandedRecords();
    for (String key : keys) {
      if (key.contains("/_epochs/") || key.startsWith("_epochs/")) {
        continue;
      }
      Matcher m = DATA_KEY.matcher(key);
      if (!m.matches()) {
        throw new AssertionError("unexpected key " + key);
      }
      landed.files++;
      List<GenericRecord> rows = ParquetFiles.read(get.apply(key));
      long start = Long.parseLong(m.group(3));
      long min = Long.MAX_VALUE;
      for (GenericRecord row : rows) {
        long id = (Long) row.get("id");
        min = Math.min(min, id);
        landed.counts.merge(m.group(1) + "-" + m.group(2) + "@" + id, 1, Integer::sum);
      }
      if (min != start) {
        throw new AssertionError(key + " is named after offset " + start + " but starts at " + min);
      }
    }
    return landed;
  }

  public static LandedRecords read(ObjectStore store, List<String> keys) throws Exception {
    return read(keys, key -> store.get(key).orElseThrow());
  }

  public int files() {
    return files;
  }

  /** Produced records that are not in any file. */
  public List<String> lost(Map<String, Integer> produced) {
    List<String> lost = new ArrayList<>();
    produced.keySet().forEach(k -> {
      if (!counts.containsKey(k)) {
        lost.add(k);
      }
    });
    return lost;
  }

  /** Records found more than once (extra copies counted), or that were never produced. */
  public List<String> duplicated(Map<String, Integer> produced) {
    List<String> extra = new ArrayList<>();
    counts.forEach((k, n) -> {
      int expected = produced.getOrDefault(k, 0);
      for (int i = expected; i < n; i++) {
        extra.add(k);
      }
    });
    return extra;
  }
}
