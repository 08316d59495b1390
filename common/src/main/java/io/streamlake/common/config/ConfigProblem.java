package io.streamlake.common.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One broken rule of a configuration, with every key involved (so a UI can mark each of them).
 *
 * @param keys the options the rule spans, the one to change first first; never empty
 * @param message what is wrong and how to fix it, naming the keys; never a secret value
 */
public record ConfigProblem(List<String> keys, String message) {

  public ConfigProblem {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a configuration problem names at least one key");
    }
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a configuration problem needs a message");
    }
  }

  /** A problem of {@code key} and the other {@code keys} involved. */
  public static ConfigProblem of(String message, String key, String... keys) {
    List<String> all = new ArrayList<>();
    all.add(key);
    all.addAll(List.of(keys));
    return new ConfigProblem(all, message);
  }

  /** "[a, b] message": the form used when several problems are listed together. */
  @Override
  public String toString() {
    return keys + " " + message;
  }
}
