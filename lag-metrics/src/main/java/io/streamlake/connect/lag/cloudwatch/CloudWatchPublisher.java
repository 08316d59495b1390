package io.streamlake.connect.lag.cloudwatch;

import io.streamlake.common.aws.AwsRetryClassifier;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryFailure;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * Sends datums with PutMetricData, batched to the API limits. Throttling, 5xx and I/O errors are retried by
 * the {@link Retrier} (jittered back-off, a WARN per retry, {@link AwsRetryClassifier} decides); a batch that
 * still fails (or fails for good, e.g. access denied) is dropped with an ERROR: lag is re-read at the next
 * poll, so the task never stops over CloudWatch.
 */
public final class CloudWatchPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);

  private final CloudWatchClient client;
  private final String namespace;
  private final DatumBatcher batcher;
  private final Retrier retrier;

  public CloudWatchPublisher(CloudWatchClient client, String namespace, DatumBatcher batcher, Retrier retrier) {
    this.client = client;
    this.namespace = namespace;
    this.batcher = batcher;
    this.retrier = retrier;
  }

  public PublishResult publish(List<MetricDatum> datums) throws InterruptedException {
    AtomicInteger requests = new AtomicInteger();
    int published = 0;
    int dropped = 0;
    List<List<MetricDatum>> batches = batcher.batches(namespace, datums);
    for (int b = 0; b < batches.size(); b++) {
      List<MetricDatum> batch = batches.get(b);
      PutMetricDataRequest request = PutMetricDataRequest.builder().namespace(namespace).metricData(batch).build();
      String operation = "PutMetricData to " + namespace + " (batch " + (b + 1) + "/" + batches.size() + " of "
          + batch.size() + " datums)";
      try {
        retrier.call(operation, () -> {
          requests.incrementAndGet();
          return client.putMetricData(request);
        });
        published += batch.size();
      } catch (RetryFailure failure) {
        if (failure.reason() == RetryFailure.Reason.INTERRUPTED) {
          throw new InterruptedException(failure.getMessage());
        }
        LOG.error("PutMetricData to {} failed{}; dropping batch {}/{} of {} datums: {}", namespace,
            failure.reason() == RetryFailure.Reason.EXHAUSTED ? " after " + failure.attempts() + " attempts"
                : " (not retriable)", b + 1, batches.size(), batch.size(), failure.causeText());
        dropped += batch.size();
      }
    }
    return new PublishResult(requests.get(), published, dropped);
  }

  @Override
  public void close() {
    client.close();
  }
}
