package io.streamlake.common.config;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Collects every multi-key problem of a configuration, then either throws them as one
 * {@link ConfigException} (a config constructor) or attaches each to all its keys (a connector's
 * {@code validate}, so the REST validate endpoint marks every key involved).
 */
public final class ConfigProblems {

  private final List<ConfigProblem> problems = new ArrayList<>();

  /** Records a problem spanning {@code key} and {@code keys}. */
  public ConfigProblems add(String message, String key, String... keys) {
    problems.add(ConfigProblem.of(message, key, keys));
    return this;
  }

  /** Records a problem. */
  public ConfigProblems add(ConfigProblem problem) {
    problems.add(problem);
    return this;
  }

  /** Every problem so far, in the order found. */
  public List<ConfigProblem> list() {
    return List.copyOf(problems);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /**
   * Throws one exception listing every problem, each with its keys.
   *
   * @throws ConfigException when there is at least one problem
   */
  public void throwIfAny() {
    ConfigException exception = toException(problems);
    if (exception != null) {
      throw exception;
    }
  }

  /** One exception listing {@code problems}, or null when there are none. */
  public static ConfigException toException(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      return null;
    }
    if (problems.size() == 1) {
      ConfigProblem only = problems.get(0);
      return new ConfigException("Invalid configuration " + only);
    }
    StringBuilder text = new StringBuilder("Invalid configuration, " + problems.size() + " problems:");
    for (int i = 0; i < problems.size(); i++) {
      text.append(' ').append('(').append(i + 1).append(") ").append(problems.get(i));
    }
    return new ConfigException(text.toString());
  }

  /**
   * Adds each problem's message to every key it names ({@link ConfigValue#addErrorMessage}); keys that
   * {@code config} does not hold are skipped.
   *
   * @return {@code config}, for chaining
   */
  public static Config attach(Config config, List<ConfigProblem> problems) {
    for (ConfigProblem problem : problems) {
      for (ConfigValue value : config.configValues()) {
        if (problem.keys().contains(value.name())) {
          value.addErrorMessage(problem.message());
        }
      }
    }
    return config;
  }

  /** Whether any key of {@code config} already has an error (single-key validation failed). */
  public static boolean hasErrors(Config config) {
    return config.configValues().stream().anyMatch(value -> !value.errorMessages().isEmpty());
  }
}
