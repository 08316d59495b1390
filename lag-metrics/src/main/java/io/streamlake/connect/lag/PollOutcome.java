package io.streamlake.connect.lag;

import io.streamlake.connect.lag.cloudwatch.PublishResult;
import io.streamlake.connect.lag.lag.PartitionLag;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** What one poll produced: the lags, the metrics-topic records and the CloudWatch outcome. */
public record PollOutcome(int groups, List<PartitionLag> lags, List<SourceRecord> records, int adminRequests,
    int skippedPartitions, PublishResult cloudWatch, long tookMs) {

  static PollOutcome failed(long tookMs) {
    return new PollOutcome(0, List.of(), List.of(), 0, 0, PublishResult.NONE, tookMs);
  }
}
