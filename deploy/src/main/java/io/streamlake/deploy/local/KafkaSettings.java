package io.streamlake.deploy.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Client settings of the cluster the demo runs against (empty for the embedded broker), and topic creation. */
final class KafkaSettings {

  private KafkaSettings() {}

  /** The settings of a {@code --kafka-config} properties file, or none. */
  static Map<String, String> read(String file) throws IOException {
    Map<String, String> map = new HashMap<>();
    if (file == null) {
      return map;
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      props.load(in);
    }
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
    return map;
  }

  /** The cluster's client settings apply to the worker itself and to its producers, consumers and admins. */
  static Map<String, String> forWorker(Map<String, String> client) {
    Map<String, String> settings = new HashMap<>(client);
    client.forEach((k, v) -> {
      settings.put("producer." + k, v);
      settings.put("consumer." + k, v);
      settings.put("admin." + k, v);
    });
    return settings;
  }

  /** Creates the topics that do not exist yet, with the broker's default replication. */
  static void createTopics(String bootstrap, Map<String, String> client, Set<String> topics, int partitions)
      throws InterruptedException {
    Map<String, Object> props = new HashMap<>(client);
    props.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(props)) {
      for (String topic : topics) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all()
              .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
          }
        } catch (TimeoutException e) {
          throw new IllegalStateException("creating topic " + topic + " timed out", e);
        }
      }
    }
  }
}
