package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.config.S3SinkConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * When the open files of a topic-partition are cut. Pure decisions over the epoch's counters; the writer
 * applies them. The exactly-once protocol may override a decision with a cut recorded earlier.
 */
final class RotationPolicy {

  /** Why an epoch was cut; logged with every commit. */
  enum Reason { RECORD_COUNT, SIZE, RECORD_TIME, IDLE, SCHEDULE, SCHEMA_CHANGE, MEMORY, RECORDED_CUT, CLOSE }

  private final int flushSize;
  private final long rotateBytes;
  private final long rotateIntervalMs;
  private final long scheduleIntervalMs;
  private final ZoneId zone;

  RotationPolicy(int flushSize, long rotateBytes, long rotateIntervalMs, long scheduleIntervalMs, ZoneId zone) {
    this.flushSize = flushSize;
    this.rotateBytes = rotateBytes;
    this.rotateIntervalMs = rotateIntervalMs;
    this.scheduleIntervalMs = scheduleIntervalMs;
    this.zone = zone;
  }

  static RotationPolicy from(S3SinkConfig config) {
    return new RotationPolicy(config.getInt(S3SinkConfig.FLUSH_SIZE_CONFIG),
        config.getLong(S3SinkConfig.ROTATE_BYTES_CONFIG), config.getLong(S3SinkConfig.ROTATE_INTERVAL_CONFIG),
        config.getLong(S3SinkConfig.ROTATE_SCHEDULE_CONFIG), config.zone());
  }

  /** Before appending a record with time {@code timestamp} to an open epoch whose first record time is {@code base}. */
  Reason beforeAppend(long baseTimestamp, long timestamp) {
    if (rotateIntervalMs > 0 && timestamp - baseTimestamp >= rotateIntervalMs) {
      return Reason.RECORD_TIME;
    }
    return null;
  }

  /**
   * After appending: the epoch's record count and encoded size. The size is asked for only when
   * rotate.size.bytes is set: summing it walks every column of every open file, once per record.
   */
  Reason afterAppend(long records, LongSupplier bytes) {
    if (records >= flushSize) {
      return Reason.RECORD_COUNT;
    }
    if (rotateBytes > 0 && bytes.getAsLong() >= rotateBytes) {
      return Reason.SIZE;
    }
    return null;
  }

  /** On a timer: wall-clock idle time and schedule. */
  Reason onTick(long nowMs, long lastAppendMs, long scheduledCutMs) {
    if (scheduleIntervalMs > 0 && nowMs >= scheduledCutMs) {
      return Reason.SCHEDULE;
    }
    if (rotateIntervalMs > 0 && nowMs - lastAppendMs >= rotateIntervalMs) {
      return Reason.IDLE;
    }
    return null;
  }

  /** The wall-clock time of the next scheduled cut after an epoch opened at {@code openedMs}. */
  long nextScheduledCut(long openedMs) {
    if (scheduleIntervalMs <= 0) {
      return Long.MAX_VALUE;
    }
    long offset = zone.getRules().getOffset(Instant.ofEpochMilli(openedMs)).getTotalSeconds() * 1000L;
    long local = openedMs + offset;
    return local - Math.floorMod(local, scheduleIntervalMs) + scheduleIntervalMs - offset;
  }
}
