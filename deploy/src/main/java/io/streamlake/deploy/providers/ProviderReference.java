package io.streamlake.deploy.providers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config provider reference in a connector configuration, {@code ${provider:path:key}}, found the way Connect's
 * {@code ConfigTransformer} finds it (same pattern: the path part is optional, {@code ${ssm::/p}} has an empty one).
 * {@link #text()} is the reference without {@code ${}} and without a {@code ?ttl=} suffix: what error messages, the
 * {@code local} command's values and the IAM generator name.
 *
 * @param option the option whose value holds the reference
 * @param path null when the reference has no path part ({@code ${secretsmanager:name}})
 * @param key the key without its {@code ?ttl=} suffix
 */
public record ProviderReference(String option, String provider, String path, String key) {

  /** Connect's own pattern (ConfigTransformer.DEFAULT_PATTERN). */
  static final Pattern PATTERN = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)\\}");
  private static final String TTL = "?ttl=";

  /** Every reference in {@code config}, in the configuration's order. */
  public static List<ProviderReference> find(Map<String, String> config) {
    List<ProviderReference> references = new ArrayList<>();
    config.forEach((option, value) -> {
      if (value != null) {
        Matcher m = PATTERN.matcher(value);
        while (m.find()) {
          references.add(new ProviderReference(option, m.group(1), m.group(3), withoutTtl(m.group(4))));
        }
      }
    });
    return references;
  }

  /** Parses one reference written as {@code ${provider:path:key}} or {@code provider:path:key}. */
  public static ProviderReference parse(String text) {
    String written = text.trim();
    if (!written.startsWith("${")) {
      written = "${" + written + "}";
    }
    Matcher m = PATTERN.matcher(written);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a config provider reference: " + text
          + " (expected provider:path:key, e.g. secretsmanager:prod/db:password or ssm::/prod/key)");
    }
    return new ProviderReference("", m.group(1), m.group(3), withoutTtl(m.group(4)));
  }

  private static String withoutTtl(String key) {
    int at = key.lastIndexOf(TTL);
    return at < 0 ? key : key.substring(0, at);
  }

  /** Whether {@code value} holds at least one reference. */
  public static boolean holdsReference(String value) {
    return value != null && PATTERN.matcher(value).find();
  }

  /** The path, empty when the reference has none. */
  public String pathOrEmpty() {
    return path == null ? "" : path;
  }

  /**
   * The reference as Connect hands it to a provider, {@code provider:path:key}: Connect's {@code ConfigTransformer}
   * passes an empty path both for {@code ${ssm::/p}} and for a reference without a path part
   * ({@code ${secretsmanager:name}}), so both spell {@code provider::key} here. The key of the local values.
   */
  public String lookupKey() {
    return provider + ":" + pathOrEmpty() + ":" + key;
  }

  /** {@code provider:path:key} ({@code provider:key} without a path part), never a value. */
  public String text() {
    return path == null ? provider + ":" + key : provider + ":" + path + ":" + key;
  }

  @Override
  public String toString() {
    return "${" + text() + "}";
  }
}
