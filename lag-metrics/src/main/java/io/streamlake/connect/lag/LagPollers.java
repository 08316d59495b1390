package io.streamlake.connect.lag;

import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.retry.Sleeper;
import io.streamlake.connect.lag.admin.ClientSettings;
import io.streamlake.connect.lag.admin.GroupFilter;
import io.streamlake.connect.lag.admin.SnapshotReader;
import io.streamlake.connect.lag.cloudwatch.CloudWatchClients;
import io.streamlake.connect.lag.cloudwatch.CloudWatchPublisher;
import io.streamlake.connect.lag.cloudwatch.DatumBatcher;
import io.streamlake.connect.lag.cloudwatch.MetricAggregator;
import io.streamlake.connect.lag.config.LagMetricsConfig;
import io.streamlake.connect.lag.lag.InterpolatingEstimator;
import io.streamlake.connect.lag.lag.LagCalculator;
import io.streamlake.connect.lag.lag.RecordTimestampEstimator;
import io.streamlake.connect.lag.lag.TimeLagEstimator;
import io.streamlake.connect.lag.records.LagRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/** Wires a {@link LagPoller} and its clients from the configuration. */
public final class LagPollers {

  private static final Logger LOG = LoggerFactory.getLogger(LagPollers.class);

  private LagPollers() {}

  public static LagPoller create(LagMetricsConfig config, String clientId, Clock clock) {
    ClientSettings settings = ClientSettings.from(config, clientId);
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      Admin admin = Admin.create(settings.properties());
      resources.push(() -> admin.close(Duration.ofSeconds(5)));
      GroupFilter filter = new GroupFilter(config.groupsInclude(), config.groupsExclude(), config.topicsInclude(),
          config.topicsExclude());
      SnapshotReader reader = new SnapshotReader(admin, filter, config.missingCommitPolicy(),
          Duration.ofMillis(config.requestTimeoutMs()), clock);
      TimeLagEstimator estimator = estimator(config, settings);
      resources.push(estimator);
      Optional<CloudWatchPublisher> publisher = Optional.empty();
      if (config.cloudWatchEnabled()) {
        Region region = CloudWatchClients.region(config);
        CredentialSettings.Provider credentials = config.credentials().provider(region);
        resources.push(credentials);
        CloudWatchPublisher cloudWatch = new CloudWatchPublisher(CloudWatchClients.create(config, region,
            credentials), config.cloudWatchNamespace(), new DatumBatcher(),
            CloudWatchClients.retrier(config, Sleeper.THREAD));
        resources.push(cloudWatch);
        publisher = Optional.of(cloudWatch);
      }
      LOG.info("Lag emitter reads {} (time lag: {}, metrics topic: {}, CloudWatch: {})", settings.describe(),
          config.timeLagMode().wireName(), config.metricsTopic().orElse("none"),
          config.cloudWatchEnabled() ? config.cloudWatchNamespace() : "off");
      return new LagPoller(reader, new LagCalculator(config.missingCommitPolicy(), estimator),
          config.metricsTopic().map(LagRecords::new), publisher,
          new MetricAggregator(config.partitionMetricsEnabled(), config.storageResolution()),
          () -> closeAll(resources));
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private static TimeLagEstimator estimator(LagMetricsConfig config, ClientSettings settings) {
    switch (config.timeLagMode()) {
      case INTERPOLATION:
        return new InterpolatingEstimator(config.timeLagMaxSamples());
      case RECORD_TIMESTAMP:
        Map<String, Object> props = new HashMap<>(settings.properties());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, props.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-timestamps");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new RecordTimestampEstimator(new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer()), config.timeLagFetchTimeout());
      default:
        return TimeLagEstimator.none();
    }
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("Closing a lag emitter client failed: {}", e.toString());
      }
    }
  }
}
