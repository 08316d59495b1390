package io.streamlake.connect.s3.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.s3.S3SinkTask;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The seed connector config against LocalStack's S3 (a real S3 API implementation) through Testcontainers.
 * Needs a Docker engine: where none runs (as on our build machines) the class is skipped with a notice.
 */
class LocalStackS3IT {

  private static LocalStackContainer localstack;
  private static boolean docker;

  @BeforeAll
  static void start() {
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    if (!docker) {
      System.out.println("NOTICE: no Docker engine available; skipping the LocalStack S3 integration test");
    }
    if (!docker) {
      return;
    }
    localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
        .withServices(LocalStackContainer.Service.S3);
    localstack.start();
  }

  @AfterAll
  static void stop() {
    if (localstack != null) {
      localstack.stop();
    }
  }

  @Test
  void seedConfigWritesHourlyParquetToLocalStack() throws Exception {
    Assumptions.assumeTrue(docker, "no Docker engine available: LocalStack S3 test skipped");
    Map<String, String> config;
    try (InputStream in = getClass().getResourceAsStream("/seed-connector.json")) {
      @SuppressWarnings("unchecked")
      Map<String, String> seed = new ObjectMapper().readValue(in, Map.class);
      config = new HashMap<>(seed);
    }
    config.put("store.url", localstack.getEndpoint().toString());
    config.put("aws.access.key.id", localstack.getAccessKey());
    config.put("aws.secret.access.key", localstack.getSecretKey());
    config.put("flush.size", "100");
    try (S3Client s3 = S3Client.builder().endpointOverride(localstack.getEndpoint()).forcePathStyle(true)
        .region(Region.of(localstack.getRegion()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()))).build()) {
      s3.createBucket(b -> b.bucket("my-event-lake"));
      S3SinkTask task = new S3SinkTask();
      task.initialize(new NoOpContext());
      task.start(config);
      List<SinkRecord> records = new ArrayList<>();
      long start = Instant.parse("2026-12-31T23:30:00Z").toEpochMilli();
      for (int i = 0; i < 100; i++) {
        records.add(Orders.record("order-events", 0, i, start + i * 60_000L));
      }
      task.open(List.of(new TopicPartition("order-events", 0)));
      task.put(records);
      task.stop();
      List<String> keys = s3.listObjectsV2(b -> b.bucket("my-event-lake")).contents().stream()
          .map(o -> o.key()).sorted().toList();
      assertThat(keys).contains(
          "topics/order-events/year=2026/month=12/day=31/hour=23/order-events+0+0000000000.snappy.parquet");
      long rows = 0;
      for (String key : keys) {
        rows += ParquetFiles.read(s3.getObjectAsBytes(b -> b.bucket("my-event-lake").key(key)).asByteArray()).size();
      }
      assertThat(rows).isEqualTo(100);
    }
  }

  /** A task context with no errant-record reporter and no-op offset control. */
  private static final class NoOpContext implements SinkTaskContext {
    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public java.util.Set<TopicPartition> assignment() {
      return java.util.Set.of(new TopicPartition("order-events", 0));
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }
  }
}
