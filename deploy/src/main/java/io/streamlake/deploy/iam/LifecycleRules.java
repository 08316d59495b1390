package io.streamlake.deploy.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sink bucket's lifecycle rules for one {@code topics.dir}: abort incomplete multipart uploads under
 * {@code <topics.dir>/} after a day, expire epoch markers under {@code <topics.dir>/_epochs/}. Rule ids carry the
 * prefix, so sinks with different {@code topics.dir} in one bucket keep separate rules. {@link #merge} adds them to
 * a bucket's existing configuration (put-bucket-lifecycle-configuration replaces the whole configuration):
 * every other rule is kept, a rule with one of our ids is replaced.
 */
public final class LifecycleRules {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Ids the deploy kit used before rules were per topics.dir; they covered topics/ only. */
  static final Set<String> LEGACY_TOPICS_IDS = Set.of("streamlake-abort-incomplete-multipart-uploads",
      "streamlake-expire-epoch-markers");

  private LifecycleRules() {}

  /** Our two rules for {@code topicsDir} (as the sink trims it), markers expiring after {@code markerDays}. */
  public static List<ObjectNode> of(String topicsDir, int markerDays) {
    if (markerDays < 1) {
      throw new IllegalArgumentException("--marker-days must be at least 1, got " + markerDays);
    }
    String dir = SinkPolicy.topicsDir(topicsDir);
    String prefix = dir.isEmpty() ? "" : dir + "/";
    String id = dir.isEmpty() ? "root" : dir.replaceAll("[^A-Za-z0-9._-]", "-");
    ObjectNode abort = rule("streamlake-" + id + "-abort-incomplete-multipart-uploads", prefix);
    abort.putObject("AbortIncompleteMultipartUpload").put("DaysAfterInitiation", 1);
    ObjectNode expire = rule("streamlake-" + id + "-expire-epoch-markers", prefix + "_epochs/");
    expire.putObject("Expiration").put("Days", markerDays);
    return List.of(abort, expire);
  }

  private static ObjectNode rule(String id, String prefix) {
    ObjectNode rule = JSON.createObjectNode();
    rule.put("ID", id);
    rule.put("Status", "Enabled");
    rule.putObject("Filter").put("Prefix", prefix);
    return rule;
  }

  /**
   * {@code existing} (the output of get-bucket-lifecycle-configuration, or null when the bucket has none) with
   * {@code ours} added, as the {@code --lifecycle-configuration} of put-bucket-lifecycle-configuration.
   */
  public static ObjectNode merge(JsonNode existing, List<ObjectNode> ours, String topicsDir) {
    Set<String> replaced = new HashSet<>();
    ours.forEach(rule -> replaced.add(rule.path("ID").asText()));
    if (SinkPolicy.topicsDir(topicsDir).equals("topics")) {
      replaced.addAll(LEGACY_TOPICS_IDS);
    }
    ObjectNode merged = JSON.createObjectNode();
    ArrayNode rules = merged.putArray("Rules");
    if (existing != null && !existing.isNull()) {
      JsonNode old = existing.path("Rules");
      if (!old.isMissingNode() && !old.isArray()) {
        throw new IllegalArgumentException("the existing lifecycle configuration has no Rules list");
      }
      for (JsonNode rule : old) {
        if (!replaced.contains(rule.path("ID").asText())) {
          rules.add(rule);
        }
      }
    }
    ours.forEach(rules::add);
    return merged;
  }
}
