package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.storage.S3UploadStream;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Makes the files of one cut durable and visible. Called once per cut with every file of the epoch.
 * Implementations decide what makes replays safe (see the exactly-once protocol).
 */
interface EpochCommitter {

  /**
   * @param partition the topic-partition
   * @param firstOffset offset of the epoch's first record
   * @param lastOffset offset of the epoch's last record (the cut)
   * @param files sealed files, none visible yet
   */
  void commit(TopicPartition partition, long firstOffset, long lastOffset, List<S3UploadStream.Sealed> files);
}
