package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.config.S3SourceConfig;
import io.streamlake.connect.s3.source.listing.SourcePair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The source partitions and offsets the task hands to Connect, and their reading back on start. Written by the
 * task with every record; read by the task (through {@code OffsetStorageReader}) when it starts. Stable ids:
 * <ul>
 *   <li>source partition {@code {"topic": <original topic>, "partition": <int>}};</li>
 *   <li>envelope files: {@code {"offset": <last replayed original offset>}};</li>
 *   <li>plain files: {@code {"key": <object key>, "row": <0-based row index of the last replayed row>}}.</li>
 * </ul>
 */
public final class ReplayOffsets {

  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";
  public static final String KEY = "key";
  public static final String ROW = "row";

  private ReplayOffsets() {}

  public static Map<String, Object> sourcePartition(SourcePair pair) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(TOPIC, pair.topic());
    out.put(PARTITION, pair.partition());
    return out;
  }

  public static Map<String, Object> envelope(long offset) {
    return Map.of(OFFSET, offset);
  }

  public static Map<String, Object> plain(String key, long row) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(KEY, key);
    out.put(ROW, row);
    return out;
  }

  /** The last replayed original offset of an envelope replay; empty when nothing was committed. */
  public static OptionalLong envelopeResume(SourcePair pair, Map<String, Object> stored) {
    if (stored == null || stored.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!(stored.get(OFFSET) instanceof Number offset)) {
      throw mismatch(pair, stored, true);
    }
    return OptionalLong.of(offset.longValue());
  }

  /** Where a plain replay stopped; empty when nothing was committed. */
  public static Optional<PlainPosition> plainResume(SourcePair pair, Map<String, Object> stored) {
    if (stored == null || stored.isEmpty()) {
      return Optional.empty();
    }
    if (!(stored.get(KEY) instanceof String key) || !(stored.get(ROW) instanceof Number row)) {
      throw mismatch(pair, stored, false);
    }
    return Optional.of(new PlainPosition(key, row.longValue()));
  }

  private static ConnectException mismatch(SourcePair pair, Map<String, Object> stored, boolean envelope) {
    return new ConnectException("The committed source offset of " + pair + " is " + stored + ", which is not an "
        + (envelope ? "envelope offset {offset}" : "offset of plain files {key, row}") + ": was "
        + S3SourceConfig.ENVELOPE_CONFIG + " changed since the replay started? Restore it, or reset the"
        + " connector's offsets to replay from the start");
  }

  /** The last replayed row of a plain replay. */
  public record PlainPosition(String key, long row) {
  }
}
