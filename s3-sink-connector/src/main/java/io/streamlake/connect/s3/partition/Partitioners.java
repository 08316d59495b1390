package io.streamlake.connect.s3.partition;

import io.streamlake.connect.s3.config.S3SinkConfig;
import java.util.List;

/** Builds the partitioner that {@code partitioner.class} names. */
public final class Partitioners {

  static final String HOURLY_FORMAT = S3SinkConfig.HOURLY_PATH_FORMAT;
  static final String DAILY_FORMAT = S3SinkConfig.DAILY_PATH_FORMAT;

  private Partitioners() {}

  public static Partitioner create(S3SinkConfig config) {
    long duration = config.getLong(S3SinkConfig.PARTITION_DURATION_CONFIG);
    return switch (config.partitioner()) {
      case DEFAULT -> new KafkaPartitionPartitioner();
      case FIELD -> new FieldPartitioner(config.partitionFields());
      case TIME -> time(config, config.getString(S3SinkConfig.PATH_FORMAT_CONFIG), duration);
      case HOURLY -> time(config, HOURLY_FORMAT, 3_600_000L);
      case DAILY -> time(config, DAILY_FORMAT, 86_400_000L);
      case FIELD_TIME -> new CompositePartitioner(List.of(new FieldPartitioner(config.partitionFields()),
          time(config, config.getString(S3SinkConfig.PATH_FORMAT_CONFIG), duration)));
    };
  }

  private static Partitioner time(S3SinkConfig config, String pathFormat, long duration) {
    return new TimePartitioner(pathFormat, duration, config.zone(), config.locale());
  }
}
