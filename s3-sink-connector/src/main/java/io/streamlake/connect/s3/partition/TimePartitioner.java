package io.streamlake.connect.s3.partition;

import io.streamlake.connect.s3.path.PathFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Formats the record time with {@code path.format}, after flooring it to {@code partition.duration.ms}
 * in the configured timezone (so a 15-minute bucket starts at :00, :15, ... local time).
 */
public final class TimePartitioner implements Partitioner {

  private final PathFormat format;
  private final ZoneId zone;
  private final long durationMs;

  public TimePartitioner(String pathFormat, long durationMs, ZoneId zone, Locale locale) {
    this.format = new PathFormat(pathFormat, zone, locale);
    this.zone = zone;
    this.durationMs = durationMs;
  }

  @Override
  public String encode(SinkRecord record, long timestamp) {
    return format.format(bucketStart(timestamp));
  }

  long bucketStart(long timestamp) {
    if (durationMs <= 0) {
      return timestamp;
    }
    long offset = zone.getRules().getOffset(Instant.ofEpochMilli(timestamp)).getTotalSeconds() * 1000L;
    long local = timestamp + offset;
    return local - Math.floorMod(local, durationMs) - offset;
  }
}
