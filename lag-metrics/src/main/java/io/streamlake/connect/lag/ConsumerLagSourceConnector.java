package io.streamlake.connect.lag;

import io.streamlake.common.Version;
import io.streamlake.common.config.ConfigProblems;
import io.streamlake.common.config.UnknownOptions;
import io.streamlake.connect.lag.config.LagMetricsConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes consumer-group lag (offset lag, estimated time lag, group state) to a Kafka topic and to
 * CloudWatch, replacing the lag_monitor.py cron/Lambda. Always runs exactly one task whatever
 * {@code tasks.max} says, so no metric is ever published twice.
 */
public final class ConsumerLagSourceConnector extends SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLagSourceConnector.class);

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new LagMetricsConfig(props);
    UnknownOptions.warn(log, "ConsumerLagSourceConnector", LagMetricsConfig.CONFIG_DEF, props,
        LagMetricsConfig.ADMIN_PREFIX);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return ConsumerLagSourceTask.class;
  }

  /** One task: a second one would read the same groups and publish every metric twice. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {
    // nothing to release: the task owns the clients
  }

  @Override
  public ConfigDef config() {
    return LagMetricsConfig.CONFIG_DEF;
  }

  /** Single-key validation from the ConfigDef, then the multi-key rules, each attached to every key it names. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    if (!ConfigProblems.hasErrors(config)) {
      ConfigProblems.attach(config, LagMetricsConfig.validate(connectorConfigs));
    }
    return config;
  }

  @Override
  public String version() {
    return Version.of(getClass());
  }
}
