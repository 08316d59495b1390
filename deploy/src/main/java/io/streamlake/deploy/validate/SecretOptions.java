package io.streamlake.deploy.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which settings of a connector configuration hold secrets, decided by type, not by name: an option is secret when
 * a {@code ConfigDef} that defines it (the connector's own, Connect's enriched one with every transformation, a
 * converter's) declares it {@link ConfigDef.Type#PASSWORD}, or when it is one of the Kafka clients' password
 * options under a prefix that passes settings to a client ({@code consumer.override.}, {@code admin.} ...).
 * A secret may appear only as a config provider reference ({@code ${secretsmanager:<secret>:<key>}}); a literal
 * would be stored in plain text in the connector's configuration, the MSK Connect console and rendered files.
 */
public final class SecretOptions {

  /**
   * Prefixes under which a connector configuration passes settings to a Kafka client or a converter: Connect's
   * client overrides, the lag emitter's own AdminClient/consumer ({@code admin.}), and the converters (whose
   * schema registry clients take {@code basic.auth.user.info}). The empty prefix covers client keys set bare.
   */
  static final List<String> CLIENT_PREFIXES = List.of("", "consumer.override.", "producer.override.",
      "admin.override.", "admin.", "key.converter.", "value.converter.", "header.converter.");

  /** Schema registry clients' credentials ({@code user:password}); no Kafka client ConfigDef defines it. */
  static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  /** Every PASSWORD option of Kafka's consumer, producer and admin clients, plus the registry credentials. */
  static final Set<String> CLIENT_SECRETS = clientSecrets();

  /** A config provider reference, as Connect's {@code ConfigTransformer} finds it: {@code ${provider:[path:]key}}. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}:]+:[^}]*}");

  /** A JAAS configuration with a login module and flag but no options, e.g. {@code IAMLoginModule required;}. */
  private static final Pattern JAAS_WITHOUT_OPTIONS = Pattern.compile("\\s*[\\w.$]+\\s+\\w+\\s*;\\s*");

  private SecretOptions() {}

  private static Set<String> clientSecrets() {
    Set<String> names = new TreeSet<>();
    for (ConfigDef def : List.of(ConsumerConfig.configDef(), ProducerConfig.configDef(),
        AdminClientConfig.configDef())) {
      names.addAll(passwordKeys(def, ""));
    }
    names.add(BASIC_AUTH_USER_INFO);
    return Set.copyOf(names);
  }

  /** The PASSWORD options of {@code def}, each under {@code prefix} (a converter's options sit under its key). */
  public static Set<String> passwordKeys(ConfigDef def, String prefix) {
    Set<String> names = new TreeSet<>();
    def.configKeys().forEach((name, key) -> {
      if (key.type == ConfigDef.Type.PASSWORD) {
        names.add(prefix + name);
      }
    });
    return names;
  }

  /** Whether {@code key} is a PASSWORD option of the plugin ({@code passwordKeys}) or a client password option. */
  public static boolean isSecret(String key, Set<String> passwordKeys) {
    if (passwordKeys.contains(key)) {
      return true;
    }
    return CLIENT_PREFIXES.stream().anyMatch(prefix -> key.startsWith(prefix)
        && CLIENT_SECRETS.contains(key.substring(prefix.length())));
  }

  /**
   * Whether a secret option's value is a literal secret: not empty and not a config provider reference. A JAAS
   * configuration passes when it references a provider (for its password) or carries no options at all (the MSK
   * IAM login module needs none: the credentials come from the service execution role).
   */
  public static boolean isLiteral(String key, String value) {
    if (value == null || value.isBlank() || REFERENCE.matcher(value).find()) {
      return false;
    }
    return !(key.endsWith("sasl.jaas.config") && JAAS_WITHOUT_OPTIONS.matcher(value).matches());
  }

  /** The keys of {@code config} that hold a literal secret, in the configuration's order. Never the values. */
  public static List<String> literalSecrets(Map<String, String> config, Set<String> passwordKeys) {
    List<String> keys = new ArrayList<>();
    config.forEach((key, value) -> {
      if (isSecret(key, passwordKeys) && isLiteral(key, value)) {
        keys.add(key);
      }
    });
    return keys;
  }

  /** The finding for one literal secret; names the option, never its value. */
  static Finding finding(String key) {
    return Finding.error(key, "a literal secret (a password option); its value would be stored in plain text in the"
        + " connector configuration. Use the service execution role, or a config provider reference such as"
        + " ${secretsmanager:<secret>:<key>}");
  }
}
