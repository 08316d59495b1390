package io.streamlake.connect.s3.source.testing;

import io.streamlake.connect.s3.source.task.ReplayRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * Builds a fake lake in an {@link InMemoryLakeStore}: objects under the sink's key layout, with the sink's range
 * metadata, whose rows are registered with {@link FakeReplayReaders}. Every record is derived from its topic,
 * partition and offset, so a test can tell exactly which record it got back.
 */
public final class Lake {

  public static final long BASE_TIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private final InMemoryLakeStore store;

  public Lake(InMemoryLakeStore store) {
    this.store = store;
  }

  public InMemoryLakeStore store() {
    return store;
  }

  /** The record of {@code topic}-{@code partition} at {@code offset}; offset -1 in the row for plain files. */
  public static ReplayRecord record(String topic, int partition, long offset, boolean withOffset) {
    return new ReplayRecord(Schema.OPTIONAL_STRING_SCHEMA, "k-" + offset, Schema.STRING_SCHEMA,
        value(topic, partition, offset),
        List.of(new ReplayRecord.Header("h", ("h" + offset).getBytes(StandardCharsets.UTF_8)),
            new ReplayRecord.Header("null-header", null)),
        withOffset ? offset : -1, BASE_TIME + offset * 1000);
  }

  public static String value(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  /** The sink's key of a data file. */
  public static String key(String dir, String topic, int partition, long start, int variant, String ext) {
    String padded = String.format("%010d", start);
    return "topics/" + topic + "/" + dir + "/" + topic + "+" + partition + "+" + padded
        + (variant == 0 ? "" : "." + variant) + ext;
  }

  /** Writes a data file holding {@code offsets} (in this order) under {@code key}, with range metadata. */
  public String file(String key, String topic, int partition, List<Long> offsets, boolean envelope) {
    List<ReplayRecord> rows = new ArrayList<>();
    for (long offset : offsets) {
      rows.add(record(topic, partition, offset, envelope));
    }
    FakeReplayReaders.register(key, rows);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("streamlake-first-offset", Long.toString(offsets.get(0)));
    metadata.put("streamlake-last-offset", Long.toString(offsets.get(offsets.size() - 1)));
    metadata.put("streamlake-record-count", Long.toString(offsets.size()));
    store.put(key, FakeReplayReaders.content(key), metadata);
    return key;
  }

  /** A side file or any other object (a marker), with no rows. */
  public void object(String key) {
    store.put(key, FakeReplayReaders.content(key), Map.of());
  }

  /** Offsets {@code from} to {@code to} inclusive. */
  public static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      out.add(i);
    }
    return out;
  }
}
