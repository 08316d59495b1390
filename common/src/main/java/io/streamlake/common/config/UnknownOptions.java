package io.streamlake.common.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;

/**
 * Connector options that neither the component's {@link ConfigDef} nor Kafka Connect itself defines. Connect hands
 * them over and drops them without a word, so a misspelt key or an option of another vendor's connector that we do
 * not implement would silently change nothing; components report them when they start.
 */
public final class UnknownOptions {

  /** Keys Kafka Connect reads itself from a connector configuration (3.7 and 4.x). */
  private static final Set<String> FRAMEWORK_KEYS = Set.of("name", "connector.class", "tasks.max",
      "tasks.max.enforce", "key.converter", "value.converter", "header.converter", "config.action.reload",
      "transforms", "predicates", "topics", "topics.regex", "exactly.once.support", "transaction.boundary",
      "transaction.boundary.interval.ms", "offsets.storage.topic", "connector.plugin.version");
  /** Prefixes of the option families Kafka Connect reads itself (converter settings, SMTs, DLQ, client overrides). */
  private static final List<String> FRAMEWORK_PREFIXES = List.of("key.converter.", "value.converter.",
      "header.converter.", "transforms.", "predicates.", "errors.", "consumer.override.", "producer.override.",
      "admin.override.", "topic.creation.");

  private UnknownOptions() {}

  /**
   * The keys of {@code props} that are neither defined by {@code def}, nor under one of the component's own
   * pass-through {@code prefixes} (e.g. client settings), nor read by Kafka Connect; sorted.
   */
  public static List<String> of(ConfigDef def, Map<String, String> props, String... prefixes) {
    List<String> own = List.of(prefixes);
    return props.keySet().stream()
        .filter(key -> !def.configKeys().containsKey(key) && !FRAMEWORK_KEYS.contains(key)
            && FRAMEWORK_PREFIXES.stream().noneMatch(key::startsWith) && own.stream().noneMatch(key::startsWith))
        .sorted().toList();
  }

  /** Logs one WARN naming every unknown key (never a value: it may be a secret); nothing when there is none. */
  public static void warn(Logger log, String component, ConfigDef def, Map<String, String> props,
      String... prefixes) {
    List<String> unknown = of(def, props, prefixes);
    if (!unknown.isEmpty()) {
      log.warn("{} does not know the option(s) {}: they are ignored. Check their spelling against the options table"
          + " of the component's README; options of other vendors' connectors that it does not implement are"
          + " ignored too", component, unknown);
    }
  }
}
