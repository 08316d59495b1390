package io.streamlake.connect.s3;

import io.streamlake.common.Version;
import io.streamlake.common.config.ConfigProblem;
import io.streamlake.common.config.ConfigProblems;
import io.streamlake.common.config.UnknownOptions;
import io.streamlake.connect.s3.catalog.Catalogs;
import io.streamlake.connect.s3.config.S3SinkConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands Kafka topics in S3 as Parquet, JSON lines or Avro, partitioned by Kafka partition, fields or time.
 * Accepts the configuration keys (and class names as values) of Confluent's S3 sink.
 */
public final class S3SinkConnector extends SinkConnector {

  private static final Logger log = LoggerFactory.getLogger(S3SinkConnector.class);
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    S3SinkConfig config = new S3SinkConfig(props);
    Optional<String> catalog = Catalogs.problem(config);
    if (catalog.isPresent()) {
      throw new ConfigException(S3SinkConfig.GLUE_ENABLED_CONFIG, "true", catalog.get());
    }
    UnknownOptions.warn(log, "S3SinkConnector", S3SinkConfig.CONFIG_DEF, props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return S3SinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      configs.add(new HashMap<>(props));
    }
    return configs;
  }

  @Override
  public void stop() {
    // nothing to release: tasks own the S3 clients
  }

  @Override
  public ConfigDef config() {
    return S3SinkConfig.CONFIG_DEF;
  }

  /** Single-key validation from the ConfigDef, then the multi-key rules, each attached to every key it names. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    if (!ConfigProblems.hasErrors(config)) {
      ConfigProblems.attach(config, S3SinkConfig.validate(connectorConfigs));
    }
    if (!ConfigProblems.hasErrors(config)) {
      Catalogs.problem(new S3SinkConfig(connectorConfigs)).ifPresent(problem -> ConfigProblems.attach(config,
          List.of(ConfigProblem.of(problem, S3SinkConfig.GLUE_ENABLED_CONFIG, S3SinkConfig.PARTITIONER_CLASS_CONFIG,
              S3SinkConfig.PARTITION_FIELD_CONFIG, S3SinkConfig.PATH_FORMAT_CONFIG))));
    }
    return config;
  }

  @Override
  public String version() {
    return Version.of(getClass());
  }
}
