package io.streamlake.connect.lag.cloudwatch;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * Sends datums with PutMetricData, batched to the API limits. Throttling, 5xx and I/O errors are retried with
 * jittered back-off and a WARN per retry; a batch that still fails (or fails for good, e.g. access denied) is
 * dropped with an ERROR: lag is re-read at the next poll, so the task never stops over CloudWatch.
 */
public final class CloudWatchPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);

  private final CloudWatchClient client;
  private final String namespace;
  private final DatumBatcher batcher;
  private final int maxAttempts;
  private final Backoff backoff;
  private final Sleeper sleeper;

  public CloudWatchPublisher(CloudWatchClient client, String namespace, DatumBatcher batcher, int maxAttempts,
      Backoff backoff, Sleeper sleeper) {
    this.client = client;
    this.namespace = namespace;
    this.batcher = batcher;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  public PublishResult publish(List<MetricDatum> datums) throws InterruptedException {
    int requests = 0;
    int published = 0;
    int dropped = 0;
    List<List<MetricDatum>> batches = batcher.batches(namespace, datums);
    for (int b = 0; b < batches.size(); b++) {
      List<MetricDatum> batch = batches.get(b);
      PutMetricDataRequest request = PutMetricDataRequest.builder().namespace(namespace).metricData(batch).build();
      for (int attempt = 1; ; attempt++) {
        requests++;
        try {
          client.putMetricData(request);
          published += batch.size();
          break;
        } catch (SdkException e) {
          boolean retriable = isRetriable(e);
          if (!retriable || attempt >= maxAttempts) {
            LOG.error("PutMetricData to {} failed{}; dropping batch {}/{} of {} datums: {}", namespace,
                retriable ? " after " + attempt + " attempts" : " (not retriable)", b + 1, batches.size(),
                batch.size(), describe(e));
            dropped += batch.size();
            break;
          }
          long delay = backoff.delayMs(attempt);
          LOG.warn("PutMetricData to {} failed (attempt {}/{}, batch {}/{} of {} datums): {}; retrying in {} ms",
              namespace, attempt, maxAttempts, b + 1, batches.size(), batch.size(), describe(e), delay);
          sleeper.sleep(delay);
        }
      }
    }
    return new PublishResult(requests, published, dropped);
  }

  static boolean isRetriable(SdkException e) {
    if (e instanceof AwsServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    return e instanceof SdkClientException;
  }

  private static String describe(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.statusCode() + " " + service.awsErrorDetails().errorCode() + ": "
          + service.awsErrorDetails().errorMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public void close() {
    client.close();
  }
}
