package io.streamlake.connect.s3;

import io.streamlake.common.Version;
import io.streamlake.connect.s3.catalog.Catalogs;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.storage.S3Stores;
import io.streamlake.connect.s3.writer.PublishedFiles;
import io.streamlake.connect.s3.writer.SinkWriter;
import io.streamlake.connect.s3.writer.SinkWriters;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect's entry point for one task: builds the writer and delegates. Offsets are committed only through
 * {@link #preCommit}, and only past data that is durable in S3.
 */
public final class S3SinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(S3SinkTask.class);

  private S3Stores.Handle store;
  private Catalogs.Handle catalog;
  private SinkWriter writer;

  @Override
  public String version() {
    return Version.of(getClass());
  }

  @Override
  public void start(Map<String, String> props) {
    S3SinkConfig config = new S3SinkConfig(props);
    store = S3Stores.create(config);
    String writerId = props.getOrDefault("name", "s3-sink") + "/" + UUID.randomUUID();
    catalog = Catalogs.create(config, "glue-catalog-" + writerId);
    PublishedFiles published = catalog == null ? PublishedFiles.NONE
        : (topic, schema, encodedPartition, key) -> catalog.syncer().filePublished(topic, schema, encodedPartition);
    writer = SinkWriters.create(config, store.store(), context, writerId, Clock.systemUTC(), published);
    log.info("S3 sink task started: bucket={} format={} partitioner={}", config.getString(S3SinkConfig.S3_BUCKET_CONFIG),
        config.format().wireName(), config.partitioner().wireName());
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    writer.open(partitions);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    writer.put(records);
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // preCommit decides; nothing is forced out on flush (rotation policies decide when files close).
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    Map<TopicPartition, OffsetAndMetadata> durable = writer.committableOffsets();
    durable.keySet().retainAll(currentOffsets.keySet());
    return durable;
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (writer != null) {
      writer.close(partitions);
    }
  }

  @Override
  public void stop() {
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      if (catalog != null) {
        log.info("Glue catalog of this task: {}", catalog.syncer().metrics());
        catalog.close();
      }
      if (store != null) {
        store.close();
      }
    }
  }
}
