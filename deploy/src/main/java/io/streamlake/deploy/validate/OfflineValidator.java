package io.streamlake.deploy.validate;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.providers.ProviderReference;
import io.streamlake.deploy.providers.ReferenceChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Validates connector configurations against the plugin's own {@code ConfigDef}s, offline, the way a worker's
 * {@code PUT /connector-plugins/{class}/config/validate} does: the plugin directory is scanned by Connect's own
 * {@link Plugins} (isolated class loading, {@code plugin.discovery=service_load}, as on MSK Connect), the
 * connector's {@code validate} runs in its plugin class loader, and the Connect-level settings (topics,
 * converters, {@code errors.*}, every {@code transforms.<alias>.*} option) are validated by the same enriched
 * {@code ConfigDef} the worker builds. Each transformation is also configured once, so rules spanning several of
 * its options are checked too.
 */
@SuppressWarnings("try") // LoaderSwap is held for its side effect: the context class loader
public final class OfflineValidator {

  /** Keys passed through to clients, converters or Connect itself, never defined by a plugin ConfigDef. */
  private static final List<String> PASS_THROUGH_PREFIXES = List.of("consumer.override.", "producer.override.",
      "admin.override.", "key.converter.", "value.converter.", "header.converter.", "transforms.", "predicates.",
      "topic.creation.");

  private final Plugins plugins;
  private final Path pluginPath;

  public OfflineValidator(Path pluginPath) {
    this.pluginPath = pluginPath;
    Map<String, String> workerProps = new HashMap<>();
    workerProps.put("plugin.path", pluginPath.toString());
    workerProps.put("plugin.discovery", "service_load");
    this.plugins = new Plugins(workerProps);
  }

  /** Every finding for one connector file; an empty list means the file is valid. */
  public Result validate(ConnectorFile file) {
    // a worker takes the name from the request (PUT /connectors/<name>/config), MSK Connect from connectorName
    Map<String, String> config = new LinkedHashMap<>(file.config());
    config.putIfAbsent(ConnectorConfig.NAME_CONFIG, file.name());
    List<Finding> findings = new ArrayList<>(MskRules.checkConnector(config));
    for (String key : file.coercions()) {
      findings.add(Finding.warning(key, "a JSON number or boolean; MSK Connect takes only strings, so quote it"));
    }
    String connectorClass = config.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
    if (connectorClass == null || connectorClass.isBlank()) {
      findings.add(Finding.error(ConnectorConfig.CONNECTOR_CLASS_CONFIG, "missing; every connector needs one"));
      return withClientSecrets(file, Status.CHECKED, null, findings);
    }
    Connector connector;
    try {
      connector = plugins.newConnector(connectorClass);
    } catch (RuntimeException notFound) {
      if (pluginHolds(connectorClass)) {
        findings.add(Finding.error(ConnectorConfig.CONNECTOR_CLASS_CONFIG, connectorClass + " is in the plugin"
            + " ZIP but not registered in META-INF/services, so a worker with plugin.discovery=service_load"
            + " cannot find it"));
        return withClientSecrets(file, Status.CHECKED, null, findings);
      }
      // another plugin's connector: its own ConfigDef is unknown here, the Kafka clients' secrets are not
      return withClientSecrets(file, Status.SKIPPED, null, findings);
    }
    String kind = connector instanceof SinkConnector ? "sink" : "source";
    Map<String, ConfigValue> values = new LinkedHashMap<>();
    ConfigDef connectorDef;
    try (LoaderSwap swap = plugins.withClassLoader(plugins.connectorLoader(connectorClass))) {
      connectorDef = connector.config();
      Config result = connector.validate(config);
      result.configValues().forEach(v -> values.put(v.name(), v));
    } catch (RuntimeException e) {
      findings.add(Finding.error(ConnectorConfig.CONNECTOR_CLASS_CONFIG, connectorClass + ".validate() failed: "
          + e));
      return withClientSecrets(file, Status.CHECKED, kind, findings);
    }
    ConfigDef connectDef;
    try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
      ConfigDef base = connector instanceof SinkConnector ? SinkConnectorConfig.configDef()
          : SourceConnectorConfig.configDef();
      connectDef = ConnectorConfig.enrich(plugins, base, config, false);
      Map<String, ConfigValue> connectValues = connectDef.validateAll(config);
      if (connector instanceof SinkConnector) {
        SinkConnectorConfig.validate(config, connectValues);
      }
      connectValues.forEach(values::putIfAbsent);
      connectValues.forEach((k, v) -> v.errorMessages().forEach(m -> {
        if (!values.get(k).errorMessages().contains(m)) {
          values.get(k).addErrorMessage(m);
        }
      }));
    }
    for (ConfigValue value : values.values()) {
      if (ProviderReference.holdsReference(config.get(value.name()))) {
        // a worker resolves the reference before it validates; offline the value is unknown
        continue;
      }
      for (String message : value.errorMessages()) {
        findings.add(Finding.error(value.name(), message));
      }
    }
    Set<String> flagged = new HashSet<>();
    findings.stream().filter(Finding::isError).forEach(f -> flagged.add(f.key()));
    findings.addAll(ReferenceChecks.connector(config));
    findings.addAll(configureTransforms(config, flagged));
    findings.addAll(unknownKeys(config, connectorDef, connectDef));
    if (!(connector instanceof SinkConnector)) {
      exactlyOnceRequired(config).ifPresent(findings::add);
    }
    Set<String> passwordKeys = new HashSet<>(SecretOptions.passwordKeys(connectorDef, ""));
    passwordKeys.addAll(SecretOptions.passwordKeys(connectDef, ""));
    passwordKeys.addAll(converterPasswordKeys(config));
    List<String> secrets = SecretOptions.literalSecrets(config, passwordKeys);
    secrets.forEach(key -> findings.add(SecretOptions.finding(key)));
    return new Result(file, Status.CHECKED, kind, findings, secrets);
  }

  /**
   * Configures each transformation once with its options: catches rules that span several of them. Like the
   * connector's own multi-key rules, this runs only for a transformation none of whose options is already flagged,
   * so a bad option is reported once, as the worker reports it.
   */
  private List<Finding> configureTransforms(Map<String, String> config, Set<String> flagged) {
    List<Finding> findings = new ArrayList<>();
    String aliases = config.get(ConnectorConfig.TRANSFORMS_CONFIG);
    if (aliases == null || aliases.isBlank()) {
      return findings;
    }
    for (String alias : aliases.split(",")) {
      alias = alias.trim();
      String prefix = ConnectorConfig.TRANSFORMS_CONFIG + "." + alias + ".";
      String type = config.get(prefix + "type");
      if (type == null || flagged.stream().anyMatch(k -> k.startsWith(prefix))) {
        continue; // reported by the enriched ConfigDef
      }
      Transformation<?> transformation;
      try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
        Object plugin = plugins.newPlugin(type);
        if (!(plugin instanceof Transformation)) {
          continue; // reported by the enriched ConfigDef
        }
        transformation = (Transformation<?>) plugin;
      } catch (ClassNotFoundException | RuntimeException e) {
        continue; // reported by the enriched ConfigDef
      }
      Map<String, Object> props = new HashMap<>();
      config.forEach((k, v) -> {
        if (k.startsWith(prefix) && !k.equals(prefix + "type")) {
          props.put(k.substring(prefix.length()), v);
        }
      });
      try (LoaderSwap swap = plugins.withClassLoader(transformation.getClass().getClassLoader())) {
        transformation.configure(props);
      } catch (ConfigException e) {
        findings.add(Finding.error(prefix.substring(0, prefix.length() - 1), e.getMessage()));
      } catch (RuntimeException e) {
        findings.add(Finding.error(prefix.substring(0, prefix.length() - 1), "configure failed: " + e));
      } finally {
        Utils.closeQuietly(transformation, "transformation " + alias);
      }
    }
    return findings;
  }

  /** Options no ConfigDef defines: usually typos, which a worker ignores silently. */
  private static List<Finding> unknownKeys(Map<String, String> config, ConfigDef connectorDef,
      ConfigDef connectDef) {
    Set<String> known = new HashSet<>(connectorDef.names());
    known.addAll(connectDef.names());
    known.add("name");
    List<Finding> findings = new ArrayList<>();
    for (String key : config.keySet()) {
      if (known.contains(key) || PASS_THROUGH_PREFIXES.stream().anyMatch(key::startsWith)
          || MskRules.WORKER_REJECTED.contains(key) || MskRules.WORKER_MANAGED.contains(key)) {
        continue;
      }
      String closest = closest(key, known);
      findings.add(Finding.warning(key, "not an option of the connector or of Connect; a worker ignores it"
          + (closest == null ? "" : ". Did you mean " + closest + "?")));
    }
    return findings;
  }

  /** A result for a configuration whose connector ConfigDef is unknown: only client secrets can be found. */
  private static Result withClientSecrets(ConnectorFile file, Status status, String kind, List<Finding> findings) {
    List<String> secrets = SecretOptions.literalSecrets(file.config(), Set.of());
    secrets.forEach(key -> findings.add(SecretOptions.finding(key)));
    return new Result(file, status, kind, findings, secrets);
  }

  /** The PASSWORD options of the converters the configuration names, under their {@code *.converter.} prefix. */
  private Set<String> converterPasswordKeys(Map<String, String> config) {
    Set<String> keys = new HashSet<>();
    for (String converterKey : List.of(ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG,
        ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG)) {
      String className = config.get(converterKey);
      if (className == null || className.isBlank()) {
        continue;
      }
      try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
        Object plugin = plugins.newPlugin(className.trim());
        ConfigDef def = plugin instanceof Converter converter ? converter.config()
            : plugin instanceof HeaderConverter header ? header.config() : null;
        if (def != null) {
          keys.addAll(SecretOptions.passwordKeys(def, converterKey + "."));
        }
      } catch (ClassNotFoundException | RuntimeException e) {
        // a converter that cannot be loaded is reported by the enriched ConfigDef
      }
    }
    return keys;
  }

  static String closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(key, candidate);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 6) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Whether any jar of the plugin holds {@code className}, registered or not. */
  private boolean pluginHolds(String className) {
    String entry = className.replace('.', '/') + ".class";
    try (Stream<Path> jars = Files.walk(pluginPath)) {
      for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          if (zip.getEntry(entry) != null) {
            return true;
          }
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  /**
   * {@code exactly.once.support=required} on a source: a worker without {@code exactly.once.source.support=enabled}
   * (the kit's worker files) flags it as an error, one with it accepts it. Which worker runs the connector is not known
   * here, so it is a warning (ValidatorMatchesWorkerIT pins the worker's error).
   */
  static Optional<Finding> exactlyOnceRequired(Map<String, String> config) {
    String value = config.getOrDefault("exactly.once.support", "").trim();
    if (!value.equalsIgnoreCase("required")) {
      return Optional.empty();
    }
    return Optional.of(Finding.warning("exactly.once.support", "required: a worker without"
        + " exactly.once.source.support=enabled rejects the connector (the deploy kit's worker files do not enable"
        + " it; whether MSK Connect accepts that worker setting is not verified). Use requested, or enable it in the"
        + " worker configuration"));
  }

  /** Whether the connector class was found in the plugin (CHECKED) or belongs to another plugin (SKIPPED). */
  public enum Status { CHECKED, SKIPPED }

  /** The outcome for one file; {@code literalSecrets} names the options holding a literal secret (never values). */
  public record Result(ConnectorFile file, Status status, String kind, List<Finding> findings,
      List<String> literalSecrets) {

    public boolean failed() {
      return findings.stream().anyMatch(Finding::isError);
    }
  }
}
