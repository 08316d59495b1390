package io.streamlake.connect.s3.timestamp;

import io.streamlake.connect.s3.config.S3SinkConfig;
import java.time.Clock;

/** Builds the extractor that {@code timestamp.extractor} names. */
public final class TimestampExtractors {

  private TimestampExtractors() {}

  public static TimestampExtractor create(S3SinkConfig config, Clock clock) {
    return switch (config.timestampKind()) {
      case RECORD -> new RecordTimestampExtractor();
      case RECORD_FIELD -> new RecordFieldTimestampExtractor(config.getString(S3SinkConfig.TIMESTAMP_FIELD_CONFIG),
          config.timestampUnit());
      case WALLCLOCK -> new WallclockTimestampExtractor(clock);
      case HEADER -> new HeaderTimestampExtractor(config.getString(S3SinkConfig.TIMESTAMP_HEADER_CONFIG));
    };
  }
}
