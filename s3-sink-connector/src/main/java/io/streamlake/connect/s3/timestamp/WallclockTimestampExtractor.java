package io.streamlake.connect.s3.timestamp;

import java.time.Clock;
import org.apache.kafka.connect.sink.SinkRecord;

/** The time of writing. */
public final class WallclockTimestampExtractor implements TimestampExtractor {

  private final Clock clock;

  public WallclockTimestampExtractor(Clock clock) {
    this.clock = clock;
  }

  @Override
  public long extract(SinkRecord record) {
    return clock.millis();
  }
}
