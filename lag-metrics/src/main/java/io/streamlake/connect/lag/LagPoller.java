package io.streamlake.connect.lag;

import io.streamlake.connect.lag.admin.SnapshotReader;
import io.streamlake.connect.lag.cloudwatch.CloudWatchPublisher;
import io.streamlake.connect.lag.cloudwatch.MetricAggregator;
import io.streamlake.connect.lag.cloudwatch.PublishResult;
import io.streamlake.connect.lag.lag.ClusterSnapshot;
import io.streamlake.connect.lag.lag.LagCalculator;
import io.streamlake.connect.lag.lag.PartitionLag;
import io.streamlake.connect.lag.records.LagRecords;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * One lag poll: read a snapshot, compute lags, build metrics-topic records, publish to CloudWatch, and log
 * one summary line. A snapshot that cannot be read is logged and skipped; the next poll tries again.
 */
public final class LagPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LagPoller.class);

  private final SnapshotReader reader;
  private final LagCalculator calculator;
  private final Optional<LagRecords> records;
  private final Optional<CloudWatchPublisher> publisher;
  private final MetricAggregator aggregator;
  private final AutoCloseable resources;

  /** @param resources closed with the poller (admin client, estimator consumer, CloudWatch client) */
  public LagPoller(SnapshotReader reader, LagCalculator calculator, Optional<LagRecords> records,
      Optional<CloudWatchPublisher> publisher, MetricAggregator aggregator, AutoCloseable resources) {
    this.reader = reader;
    this.calculator = calculator;
    this.records = records;
    this.publisher = publisher;
    this.aggregator = aggregator;
    this.resources = resources;
  }

  public PollOutcome pollOnce() throws InterruptedException {
    long start = System.nanoTime();
    ClusterSnapshot snapshot;
    try {
      snapshot = reader.read();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      long took = (System.nanoTime() - start) / 1_000_000L;
      LOG.warn("Lag poll skipped after {} ms: could not read consumer groups: {}", took, causes(cause));
      return PollOutcome.failed(took);
    }
    List<PartitionLag> lags = calculator.calculate(snapshot);
    List<SourceRecord> out = records.map(r -> r.toRecords(lags)).orElse(List.of());
    PublishResult published = PublishResult.NONE;
    if (publisher.isPresent() && !lags.isEmpty()) {
      List<MetricDatum> datums = aggregator.aggregate(lags, Instant.ofEpochMilli(snapshot.takenAtMs()));
      try {
        published = publisher.get().publish(datums);
      } catch (RuntimeException e) {
        LOG.error("Publishing {} datums to CloudWatch failed; they are dropped for this poll", datums.size(), e);
        published = new PublishResult(0, 0, datums.size());
      }
    }
    long took = (System.nanoTime() - start) / 1_000_000L;
    LOG.info("Lag poll: {} groups, {} partitions ({} skipped: topic gone or offsets unreadable), {} admin requests,"
            + " {} records, CloudWatch {} datums in {} requests ({} dropped), {} ms",
        snapshot.groups().size(), lags.size(), snapshot.skippedPartitions(), snapshot.adminRequests(), out.size(),
        published.published(), published.requests(), published.dropped(), took);
    return new PollOutcome(snapshot.groups().size(), lags, out, snapshot.adminRequests(),
        snapshot.skippedPartitions(), published, took);
  }

  /** The exception and its causes on one line: admin errors often hide the reason (e.g. authentication) in a cause. */
  static String causes(Throwable error) {
    StringBuilder text = new StringBuilder(error.toString());
    for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      text.append("; caused by ").append(cause);
    }
    return text.toString();
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      LOG.warn("Closing the lag poller's clients failed: {}", e.toString());
    }
  }
}
