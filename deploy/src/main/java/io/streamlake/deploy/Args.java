package io.streamlake.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of one subcommand: {@code --name value} options (repeatable), {@code --flag} switches
 * and positional arguments. {@code --name=value} is accepted too. Unknown options are an error, so a typo never
 * silently falls back to a default.
 */
public final class Args {

  private final Map<String, List<String>> options;
  private final Set<String> flags;
  private final List<String> positional;

  private Args(Map<String, List<String>> options, Set<String> flags, List<String> positional) {
    this.options = options;
    this.flags = flags;
    this.positional = positional;
  }

  /**
   * Parses {@code args}; {@code valued} names the options that take a value, {@code switches} those that do not.
   *
   * @throws UsageException on an unknown option or a missing value
   */
  public static Args parse(List<String> args, Set<String> valued, Set<String> switches) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    java.util.HashSet<String> flags = new java.util.HashSet<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.equals("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (switches.contains(name) && value == null) {
        flags.add(name);
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("option --" + name + " needs a value");
          }
          value = args.get(++i);
        }
        options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return new Args(options, Set.copyOf(flags), List.copyOf(positional));
  }

  public boolean has(String name) {
    return flags.contains(name) || options.containsKey(name);
  }

  public String get(String name, String fallback) {
    List<String> values = options.get(name);
    return values == null ? fallback : values.get(values.size() - 1);
  }

  public List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  public int getInt(String name, int fallback) {
    String value = get(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("option --" + name + " needs a whole number, got '" + value + "'");
    }
  }

  public List<String> positional() {
    return positional;
  }

  /** A wrong command line: printed with the usage, exit code 2. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }
}
