package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.storage.S3UploadStream;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every file of a cut with a conditional write. A key that already exists was written by an
 * earlier attempt of the same deterministic file and counts as success.
 */
final class DirectCommitter implements EpochCommitter {

  private static final Logger log = LoggerFactory.getLogger(DirectCommitter.class);

  @Override
  public void commit(TopicPartition partition, long firstOffset, long lastOffset, List<S3UploadStream.Sealed> files) {
    for (S3UploadStream.Sealed file : files) {
      if (!file.commit()) {
        log.info("{} already exists (written by an earlier attempt); keeping it ({} offsets {}-{})", file.key(),
            partition, firstOffset, lastOffset);
      }
    }
  }
}
