package io.streamlake.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** A test source: each task writes {@code count} numbered records to {@code topic}, then idles. */
public final class CountingSourceConnector extends SourceConnector {

  static final ConfigDef CONFIG = new ConfigDef()
      .define("topic", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "target topic")
      .define("count", ConfigDef.Type.INT, 10, ConfigDef.Range.atLeast(0), ConfigDef.Importance.HIGH,
          "records per task");

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CountingTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      configs.add(Map.copyOf(props));
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    return "test";
  }

  /** Writes its records once. */
  public static final class CountingTask extends SourceTask {
    private String topic;
    private int remaining;
    private int next;

    @Override
    public void start(Map<String, String> props) {
      topic = props.get("topic");
      remaining = Integer.parseInt(props.getOrDefault("count", "10"));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
      if (remaining == 0) {
        Thread.sleep(100);
        return null;
      }
      List<SourceRecord> records = new ArrayList<>();
      while (remaining > 0 && records.size() < 100) {
        records.add(new SourceRecord(Map.of("task", topic), Map.of("n", next), topic, null, Schema.INT32_SCHEMA,
            next));
        next++;
        remaining--;
      }
      return records;
    }

    @Override
    public void stop() {}

    @Override
    public String version() {
      return "test";
    }
  }
}
