package io.streamlake.deploy.providers;

import io.streamlake.deploy.OwnerOnlyFile;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The worker settings and values file with which {@code streamlake-local} resolves the connectors' config provider
 * references from local values: each referenced provider name is declared with {@link LocalValuesProvider}, reading
 * an owner-only temporary file that {@link #close()} deletes.
 */
public final class LocalProviders implements AutoCloseable {

  private final Map<String, String> workerProps;
  private final Path file;
  private final int references;
  private final List<String> names;
  private final LocalValues values;

  private LocalProviders(Map<String, String> workerProps, Path file, int references, List<String> names,
      LocalValues values) {
    this.values = values;
    this.workerProps = workerProps;
    this.file = file;
    this.references = references;
    this.names = names;
  }

  /**
   * Checks that every reference has a local value and prepares the worker settings.
   *
   * @throws IllegalArgumentException naming every reference without a local value (never a value)
   */
  public static LocalProviders prepare(List<ProviderReference> references, LocalValues values) throws IOException {
    List<ProviderReference> missing = values.missing(references);
    if (!missing.isEmpty()) {
      StringBuilder text = new StringBuilder("no local value for " + missing.size() + " config provider reference(s):");
      for (ProviderReference reference : missing) {
        text.append("\n    ").append(reference).append(" (").append(reference.option()).append(')');
      }
      text.append("\n  give each with --secret <provider:path:key>=VALUE or in a --secrets-file");
      throw new IllegalArgumentException(text.toString());
    }
    TreeSet<String> names = new TreeSet<>();
    references.forEach(r -> names.add(r.provider()));
    Map<String, String> props = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return new LocalProviders(props, null, 0, List.of(), values);
    }
    Path file = Files.createTempFile("streamlake-local-values", ".properties");
    Properties stored = new Properties();
    stored.putAll(values.asMap());
    StringWriter text = new StringWriter();
    stored.store(text, "streamlake-local config provider values; deleted when the run ends");
    OwnerOnlyFile.write(file, text.toString());
    props.put("config.providers", String.join(",", names));
    for (String name : names) {
      String prefix = "config.providers." + name + ".";
      props.put(prefix + "class", LocalValuesProvider.class.getName());
      props.put(prefix + "param.provider", name);
      props.put(prefix + "param.file", file.toString());
    }
    return new LocalProviders(props, file, references.size(), List.copyOf(names), values);
  }

  /** The worker settings declaring the local providers (empty without references). */
  public Map<String, String> workerProps() {
    return workerProps;
  }

  /** A setting's value as the worker resolves it, for the CLI's own use (see {@link LocalValues#substitute}). */
  public String resolve(String value) {
    return values.substitute(value);
  }

  /** One line for the run's header, or null without references. */
  public String describe() {
    return references == 0 ? null : String.format("  providers  %d reference(s) resolved by the worker from local"
        + " values (%s)", references, String.join(", ", names));
  }

  @Override
  public void close() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
