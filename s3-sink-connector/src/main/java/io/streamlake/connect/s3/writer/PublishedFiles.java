package io.streamlake.connect.s3.writer;

import org.apache.kafka.connect.data.Schema;

/**
 * Told about each data file right after it became durable (visible in S3), on the task's thread; must return
 * quickly and never affects the file or its offsets. The catalog syncer listens here.
 */
@FunctionalInterface
public interface PublishedFiles {

  PublishedFiles NONE = (pathTopic, schema, encodedPartition, key) -> { };

  /**
   * @param pathTopic the topic in the file's path (after transforms)
   * @param schema the value schema the file was written with; null for schemaless values
   * @param encodedPartition the partition part of the key
   * @param key the object key
   */
  void published(String pathTopic, Schema schema, String encodedPartition, String key);
}
