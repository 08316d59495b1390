package io.streamlake.connect.s3.source.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code replay.topic.mapping}: {@code src:dst,src2:dst2}. Records of an original topic named on the left go to
 * the topic on the right; unmapped topics keep their name.
 */
public final class TopicMapping {

  private static final int MAX_TOPIC_LENGTH = 249;

  private final Map<String, String> targets;

  private TopicMapping(Map<String, String> targets) {
    this.targets = Map.copyOf(targets);
  }

  /**
   * Parses the list of entries.
   *
   * @throws ConfigException naming {@code option} for an entry without {@code :}, an empty or illegal topic
   *     name, or a source topic mapped twice
   */
  public static TopicMapping parse(String option, List<String> entries) {
    Map<String, String> targets = new LinkedHashMap<>();
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1 || entry.indexOf(':', colon + 1) >= 0) {
        throw new ConfigException(option, String.join(",", entries), "Entry '" + entry
            + "' is not <source topic>:<target topic>");
      }
      String source = entry.substring(0, colon).trim();
      String target = entry.substring(colon + 1).trim();
      checkTopic(option, entries, source);
      checkTopic(option, entries, target);
      if (targets.put(source, target) != null) {
        throw new ConfigException(option, String.join(",", entries), "Topic '" + source + "' is mapped twice");
      }
    }
    return new TopicMapping(targets);
  }

  private static void checkTopic(String option, List<String> entries, String topic) {
    if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH || topic.equals(".") || topic.equals("..")
        || !topic.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-')) {
      throw new ConfigException(option, String.join(",", entries), "'" + topic + "' is not a legal Kafka topic"
          + " name (1-249 characters of a-z A-Z 0-9 . _ -)");
    }
  }

  /** The topic records of {@code originalTopic} are produced to. */
  public String target(String originalTopic) {
    return targets.getOrDefault(originalTopic, originalTopic);
  }

  /** The mapped source topics and their targets. */
  public Map<String, String> asMap() {
    return targets;
  }

  /** The ConfigDef validator of the option. */
  public static ConfigDef.Validator validator() {
    return new ConfigDef.Validator() {
      @Override
      @SuppressWarnings("unchecked")
      public void ensureValid(String name, Object value) {
        parse(name, value == null ? List.of() : (List<String>) value);
      }

      @Override
      public String toString() {
        return "a list of <source topic>:<target topic>";
      }
    };
  }
}
