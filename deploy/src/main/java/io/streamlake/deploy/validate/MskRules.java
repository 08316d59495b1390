package io.streamlake.deploy.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Amazon MSK Connect does not accept or manages itself, checked without a cluster. A worker configuration
 * may not set the plugin path, metric reporters or listener/REST settings; the cluster connection, its
 * authentication and the worker group come from the connector's {@code kafkaCluster} and authentication
 * settings.
 */
public final class MskRules {

  /** Worker settings MSK Connect rejects in a worker configuration. */
  static final Set<String> WORKER_REJECTED = Set.of("plugin.path", "metric.reporters", "listeners",
      "admin.listeners", "rest.host.name", "rest.port", "rest.advertised.host.name", "rest.advertised.port",
      "rest.advertised.listener", "rest.extension.classes", "access.control.allow.origin",
      "access.control.allow.methods");

  private static final List<String> WORKER_REJECTED_PREFIXES = List.of("listeners.", "admin.listeners.",
      "rest.");

  /** Worker settings MSK Connect sets itself from the connector's cluster and authentication settings. */
  static final Set<String> WORKER_MANAGED = Set.of("bootstrap.servers", "group.id", "security.protocol",
      "sasl.mechanism", "sasl.jaas.config", "sasl.client.callback.handler.class", "plugin.discovery");

  /** Prefixes of Connect's per-connector client overrides. */
  static final List<String> CLIENT_OVERRIDE_PREFIXES = List.of("consumer.override.", "producer.override.",
      "admin.override.");

  static final String OVERRIDE_POLICY = "connector.client.config.override.policy";

  private MskRules() {}

  /** Findings for a worker configuration (a {@code .properties} file uploaded as an MSK worker configuration). */
  public static List<Finding> checkWorker(Map<String, String> props) {
    List<Finding> findings = new ArrayList<>();
    for (String key : props.keySet()) {
      if (rejected(key)) {
        findings.add(Finding.error(key, "MSK Connect rejects this worker setting (plugin path, metric reporters,"
            + " listeners and REST settings are managed by the service); remove it"));
      } else if (key.equals(OVERRIDE_POLICY) && !props.get(key).trim().equalsIgnoreCase("None")) {
        findings.add(Finding.warning(key, props.get(key).trim() + " lets connector configurations override their"
            + " Kafka clients' settings (All: any, sasl.jaas.config included; Principal: sasl.jaas.config,"
            + " sasl.mechanism, security.protocol). Allowed values: None (the deploy kit's), Principal, All; set"
            + " consumer.* / producer.* here instead"));
      } else if (WORKER_MANAGED.contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
        findings.add(Finding.warning(key, "MSK Connect sets this from the connector's Kafka cluster and"
            + " authentication settings; the value here is ignored or conflicts"));
      }
    }
    return findings;
  }

  /** Findings for a connector configuration that concern MSK Connect rather than the plugin. */
  public static List<Finding> checkConnector(Map<String, String> config) {
    List<Finding> findings = new ArrayList<>();
    for (String key : config.keySet()) {
      if (rejected(key)) {
        findings.add(Finding.error(key, "a worker setting that MSK Connect manages itself, not a connector"
            + " setting; remove it"));
      } else if (WORKER_MANAGED.contains(key)) {
        findings.add(Finding.warning(key, "a worker setting, ignored in a connector configuration; MSK Connect"
            + " takes it from create-connector's kafkaCluster and authentication settings"));
      } else if (CLIENT_OVERRIDE_PREFIXES.stream().anyMatch(key::startsWith)) {
        findings.add(Finding.warning(key, "a client override; the deploy kit's worker configuration sets "
            + OVERRIDE_POLICY + "=None, so a worker using it rejects the connector. Set the consumer.* or"
            + " producer.* setting in the worker configuration instead"));
      }
    }
    return findings;
  }

  private static boolean rejected(String key) {
    return WORKER_REJECTED.contains(key) || WORKER_REJECTED_PREFIXES.stream().anyMatch(key::startsWith);
  }
}
