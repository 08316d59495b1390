package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.epoch.Epochs;
import io.streamlake.connect.s3.format.RecordFormat;
import io.streamlake.connect.s3.format.RecordFormats;
import io.streamlake.connect.s3.partition.Partitioners;
import io.streamlake.connect.s3.record.Envelopes;
import io.streamlake.connect.s3.record.RowShape;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.timestamp.TimestampExtractors;
import java.time.Clock;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** Wires a {@link SinkWriter} from the configuration. */
public final class SinkWriters {

  private SinkWriters() {}

  /**
   * @param context the task context: its errant-record reporter and its consumer rewind ({@code offset})
   * @param writerId names this task in epoch markers (informational)
   */
  public static SinkWriter create(S3SinkConfig config, ObjectStore store, SinkTaskContext context, String writerId,
      Clock clock) {
    return create(config, store, context, writerId, clock, PublishedFiles.NONE);
  }

  /**
   * @param published told about every data file once it is durable (the catalog syncer)
   */
  public static SinkWriter create(S3SinkConfig config, ObjectStore store, SinkTaskContext context, String writerId,
      Clock clock, PublishedFiles published) {
    RecordFormat format = RecordFormats.create(config);
    ObjectKeys keys = new ObjectKeys(config.getString(S3SinkConfig.TOPICS_DIR_CONFIG), format.extension(),
        config.getInt(S3SinkConfig.ZERO_PAD_CONFIG));
    Epochs epochs = config.getBoolean(S3SinkConfig.EXACTLY_ONCE_CONFIG)
        ? Epochs.withMarkers(store, keys.prefix(), writerId, clock, context::offset)
        : Epochs.withoutMarkers(context::offset);
    TopicPartitionWriter.WriterContext writerContext = new TopicPartitionWriter.WriterContext(format, keys, store,
        config.getInt(S3SinkConfig.S3_PART_SIZE_CONFIG), config.getBoolean(S3SinkConfig.OBJECT_TAGGING_CONFIG),
        RotationPolicy.from(config), new SchemaChange(config.schemaCompatibility()), epochs, clock, published,
        config.getBoolean(S3SinkConfig.STORE_ENVELOPE_CONFIG)
            ? new Envelopes(format.bindsSchema(), config.format().wireName()) : RowShape.PLAIN,
        RecordFormats.sideFiles(config));
    return new SinkWriter(writerContext, Partitioners.create(config), TimestampExtractors.create(config, clock),
        config.nullValueBehavior(), new ErrantRecords(reporter(context)),
        new MemoryBudget(config.getLong(S3SinkConfig.MEMORY_MAX_CONFIG), 100));
  }

  private static ErrantRecordReporter reporter(SinkTaskContext context) {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // Connect runtimes before 2.6
    }
  }
}
