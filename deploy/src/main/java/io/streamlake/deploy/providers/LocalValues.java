package io.streamlake.deploy.providers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The values that stand in for config provider references when a connector runs locally ({@code streamlake-local
 * --secret REF=VALUE} and {@code --secrets-file FILE}): keyed by the reference's {@link ProviderReference#lookupKey()},
 * as the worker asks for it (so {@code secretsmanager:name} and {@code ${secretsmanager:name}} match what Connect
 * passes for {@code ${secretsmanager:name}}: an empty path).
 * A line or argument is {@code ${provider:path:key}=value} or {@code provider:path:key=value}; in the second form the
 * first {@code =} ends the reference, so a secret name with {@code =} needs the {@code ${...}} form. In a file, empty
 * lines and lines starting with {@code #} are skipped. Values are never printed.
 */
public final class LocalValues {

  private final Map<String, String> values = new LinkedHashMap<>();

  /** Reads {@code files} first, then {@code arguments} (a later value for the same reference wins). */
  public static LocalValues of(List<String> arguments, List<Path> files) throws IOException {
    LocalValues local = new LocalValues();
    for (Path file : files) {
      int number = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        local.add(line.strip(), file + " line " + number);
      }
    }
    for (String argument : arguments) {
      local.add(argument, "--secret");
    }
    return local;
  }

  private void add(String entry, String where) {
    int split = entry.startsWith("${") ? entry.indexOf("}=") + 1 : entry.indexOf('=');
    if (split <= 0) {
      throw new IllegalArgumentException(where + ": expected REFERENCE=VALUE, e.g."
          + " secretsmanager:prod/db:password=local-password");
    }
    ProviderReference reference;
    try {
      reference = ProviderReference.parse(entry.substring(0, split));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
    values.put(reference.lookupKey(), entry.substring(split + 1));
  }

  /** The references of {@code references} that have no local value, each once, in order. */
  public List<ProviderReference> missing(List<ProviderReference> references) {
    List<ProviderReference> missing = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (ProviderReference reference : references) {
      if (!values.containsKey(reference.lookupKey()) && !seen.contains(reference.lookupKey())) {
        seen.add(reference.lookupKey());
        missing.add(reference);
      }
    }
    return missing;
  }

  /**
   * {@code value} with every reference that has a local value replaced by it: for what the CLI itself must know of a
   * resolved setting (the {@code topics.dir} it watches), never for what it prints or sends to the worker.
   */
  public String substitute(String value) {
    if (value == null || !ProviderReference.holdsReference(value)) {
      return value;
    }
    Matcher m = ProviderReference.PATTERN.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      ProviderReference reference = ProviderReference.parse(m.group());
      String local = values.get(reference.lookupKey());
      m.appendReplacement(out, Matcher.quoteReplacement(local == null ? m.group() : local));
    }
    m.appendTail(out);
    return out.toString();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The values, keyed by {@link ProviderReference#lookupKey()}: for {@link LocalValuesProvider}'s file only. */
  public Map<String, String> asMap() {
    return Map.copyOf(values);
  }
}
