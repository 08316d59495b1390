package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.format.RecordFormat;
import io.streamlake.connect.s3.format.RecordFormats;
import io.streamlake.connect.s3.partition.Partitioners;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.timestamp.TimestampExtractors;
import java.time.Clock;
import org.apache.kafka.connect.sink.ErrantRecordReporter;

/** Wires a {@link SinkWriter} from the configuration. */
public final class SinkWriters {

  private SinkWriters() {}

  public static SinkWriter create(S3SinkConfig config, ObjectStore store, ErrantRecordReporter reporter, Clock clock) {
    RecordFormat format = RecordFormats.create(config);
    ObjectKeys keys = new ObjectKeys(config.getString(S3SinkConfig.TOPICS_DIR_CONFIG), format.extension(),
        config.getInt(S3SinkConfig.ZERO_PAD_CONFIG));
    TopicPartitionWriter.WriterContext context = new TopicPartitionWriter.WriterContext(format, keys, store,
        config.getInt(S3SinkConfig.S3_PART_SIZE_CONFIG), config.getBoolean(S3SinkConfig.OBJECT_TAGGING_CONFIG),
        RotationPolicy.from(config), new SchemaChange(config.schemaCompatibility()), new DirectCommitter(), clock);
    return new SinkWriter(context, Partitioners.create(config), TimestampExtractors.create(config, clock),
        config.nullValueBehavior(), new ErrantRecords(reporter));
  }
}
