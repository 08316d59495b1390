package io.streamlake.connect.lag.cloudwatch;

import io.streamlake.common.aws.AwsRetryClassifier;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.common.retry.Backoff;
import io.streamlake.common.retry.Jitter;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryPolicy;
import io.streamlake.connect.lag.config.LagMetricsConfig;
import io.streamlake.connect.lag.lag.GroupState;
import io.streamlake.connect.lag.lag.PartitionLag;
import io.streamlake.connect.lag.testing.FakeCloudWatch;
import io.streamlake.connect.lag.testing.LogCapture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** Real SDK requests against an in-process endpoint: what CloudWatch would receive, decoded. */
class CloudWatchPublisherTest {

  private static FakeCloudWatch cloudWatch;
  private static CloudWatchClient client;
  private final List<Long> sleeps = new ArrayList<>();

  @BeforeAll
  static void startEndpoint() throws Exception {
    cloudWatch = new FakeCloudWatch();
    LagMetricsConfig config = new LagMetricsConfig(Map.of("admin.bootstrap.servers", "localhost:9092",
        "cloudwatch.endpoint", cloudWatch.endpoint().toString(), "cloudwatch.region", "us-east-1",
        "aws.access.key.id", "AKIDTEST", "aws.secret.access.key", "test-secret"));
    Region region = CloudWatchClients.region(config);
    client = CloudWatchClients.create(config, region, config.credentials().provider(region));
  }

  @AfterAll
  static void stopEndpoint() {
    client.close();
    cloudWatch.close();
  }

  @BeforeEach
  void reset() {
    cloudWatch.clear();
  }

  private CloudWatchPublisher publisher(int attempts) {
    Backoff backoff = new Backoff(100, 1_000, Jitter.FULL, (low, high) -> high);
    return new CloudWatchPublisher(client, "MSK/ConsumerLag", new DatumBatcher(),
        new Retrier(RetryPolicy.withMaxAttempts(backoff, attempts), new AwsRetryClassifier(), () -> 0L, sleeps::add));
  }

  @Test
  void guideCasePublishesTotalLagWithConsumerGroupAndTopic() throws Exception {
    Instant at = Instant.parse("2026-11-25T12:00:00Z");
    List<PartitionLag> lags = List.of(
        new PartitionLag("billing", "orders", 0, 70L, 100L, 30L, null, GroupState.STABLE, at.toEpochMilli()),
        new PartitionLag("billing", "orders", 1, 150L, 200L, 50L, null, GroupState.STABLE, at.toEpochMilli()));
    PublishResult result = publisher(3).publish(new MetricAggregator(false, 60).aggregate(lags, at));
    assertThat(result).isEqualTo(new PublishResult(1, 5, 0));
    assertThat(cloudWatch.requests()).hasSize(1);
    FakeCloudWatch.Request request = cloudWatch.requests().get(0);
    assertThat(request.namespace()).isEqualTo("MSK/ConsumerLag");
    FakeCloudWatch.Datum total = request.datums().get(0);
    assertThat(total.metricName()).isEqualTo("TotalLag");
    assertThat(total.dimensions()).containsExactly(Map.entry("ConsumerGroup", "billing"), Map.entry("Topic", "orders"));
    assertThat(total.value()).isEqualTo(80.0);
    assertThat(total.unit()).isEqualTo("Count");
    assertThat(Instant.parse(total.timestamp())).isEqualTo(at);
    assertThat(total.storageResolution()).isEqualTo("60");
    assertThat(request.datums()).extracting(FakeCloudWatch.Datum::metricName)
        .containsExactly("TotalLag", "SumOffsetLag", "MaxOffsetLag", "SumOffsetLag", "MaxOffsetLag");
  }

  @Test
  void batchesAtOneThousandDatumsPerRequest() throws Exception {
    List<MetricDatum> datums = DatumBatcherTest.datums(2_345, 8);
    PublishResult result = publisher(3).publish(datums);
    assertThat(result).isEqualTo(new PublishResult(3, 2_345, 0));
    assertThat(cloudWatch.requests()).extracting(r -> r.datums().size()).containsExactly(1000, 1000, 345);
    assertThat(cloudWatch.datums()).extracting(FakeCloudWatch.Datum::value)
        .containsExactlyElementsOf(datums.stream().map(MetricDatum::value).toList());
  }

  @Test
  void requestBodiesStayUnderOneMegabyte() throws Exception {
    List<MetricDatum> datums = DatumBatcherTest.datums(1_000, 1024);
    PublishResult result = publisher(3).publish(datums);
    assertThat(result.published()).isEqualTo(1_000);
    assertThat(cloudWatch.requests()).hasSizeGreaterThanOrEqualTo(3);
    int total = 0;
    for (FakeCloudWatch.Request request : cloudWatch.requests()) {
      assertThat(request.bodyBytes()).isLessThanOrEqualTo(1_048_576);
      int estimate = RequestSize.base("MSK/ConsumerLag") + datums.subList(total, total + request.datums().size())
          .stream().mapToInt(RequestSize::of).sum();
      // the estimate the batcher relies on is an upper bound of the real encoded body
      assertThat(estimate).isGreaterThanOrEqualTo(request.bodyBytes());
      total += request.datums().size();
    }
    assertThat(total).isEqualTo(1_000);
  }

  @Test
  void throttlingIsRetriedWithBackoffAndAWarnPerRetry() throws Exception {
    cloudWatch.failNext(2, 400, "Throttling");
    int before = cloudWatch.attempts();
    try (LogCapture log = new LogCapture(Retrier.class)) {
      PublishResult result = publisher(5).publish(DatumBatcherTest.datums(3, 4));
      assertThat(result).isEqualTo(new PublishResult(3, 3, 0));
      assertThat(log.lines(Level.WARN)).hasSize(2)
          .allSatisfy(line -> assertThat(line).startsWith("WARN").contains("Throttling").contains("retrying"));
    }
    assertThat(cloudWatch.attempts() - before).isEqualTo(3);
    assertThat(sleeps).containsExactly(100L, 200L);
    assertThat(cloudWatch.datums()).hasSize(3);
  }

  @Test
  void serverErrorsRetriedThenDroppedAfterLastAttempt() throws Exception {
    cloudWatch.failNext(3, 503, "ServiceUnavailable");
    try (LogCapture log = new LogCapture(CloudWatchPublisher.class)) {
      PublishResult result = publisher(3).publish(DatumBatcherTest.datums(2, 4));
      assertThat(result).isEqualTo(new PublishResult(3, 0, 2));
      assertThat(log.lines(Level.ERROR)).singleElement().asString().contains("after 3 attempts");
    }
    assertThat(cloudWatch.requests()).isEmpty();
  }

  @Test
  void permanentErrorsAreNotRetried() throws Exception {
    cloudWatch.failNext(1, 400, "InvalidParameterValue");
    int before = cloudWatch.attempts();
    PublishResult result = publisher(5).publish(DatumBatcherTest.datums(2, 4));
    assertThat(result).isEqualTo(new PublishResult(1, 0, 2));
    assertThat(cloudWatch.attempts() - before).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }
}
