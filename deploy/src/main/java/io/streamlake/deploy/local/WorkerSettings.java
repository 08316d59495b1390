package io.streamlake.deploy.local;

import io.streamlake.kit.ConnectCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's Connect worker: the kit's distributed worker with the plugin ZIP unpacked on its {@code plugin.path}
 * and the settings of deploy/worker/msk-connect-worker.properties that matter locally (no client overrides, the
 * sink consumers' session settings), so that a connector behaves here as on MSK Connect.
 */
public final class WorkerSettings {

  private WorkerSettings() {}

  /**
   * The worker settings for Connect group {@code group} (its internal topics are named after it); {@code
   * replicationFactor} applies to its internal topics (1 for the embedded broker, -1 for the broker default);
   * {@code extra} are further settings (client security for a real cluster), which win.
   */
  public static Map<String, String> of(Path pluginPath, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "true");
    props.put("offset.flush.interval.ms", "2000");
    props.put("plugin.path", pluginPath.toString());
    props.put("plugin.discovery", "service_load");
    // as deploy/worker/msk-connect-worker.properties: no client overrides, the sink consumers' session settings here
    props.put("connector.client.config.override.policy", "None");
    props.put("consumer.session.timeout.ms", "10000");
    props.put("consumer.heartbeat.interval.ms", "3000");
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.putAll(extra);
    return props;
  }

  /** Starts one such worker in {@code group} against {@code bootstrapServers}. */
  public static ConnectCluster start(String bootstrapServers, String group, Path pluginPath, int replicationFactor,
      Map<String, String> extra) {
    return ConnectCluster.builder(bootstrapServers).group(group).internalTopicReplication(replicationFactor)
        .workerProperties(of(pluginPath, extra)).start();
  }
}
