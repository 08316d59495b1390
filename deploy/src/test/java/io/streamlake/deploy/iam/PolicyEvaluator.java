package io.streamlake.deploy.iam;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM evaluation for the subset the generated policies use: Allow statements only (anything not allowed is denied),
 * action and resource patterns with {@code *} and {@code ?}, and {@code StringLike} / {@code StringEquals}
 * conditions, where a key missing from the request context fails the condition (as in IAM).
 */
final class PolicyEvaluator {

  private final PolicyDocument policy;

  PolicyEvaluator(PolicyDocument policy) {
    this.policy = policy;
  }

  boolean allows(String action, String resource, Map<String, String> context) {
    return policy.statements().stream().anyMatch(s -> s.actions().stream().anyMatch(a -> like(a, action))
        && s.resources().stream().anyMatch(r -> like(r, resource)) && conditionsHold(s, context));
  }

  boolean allows(String action, String resource) {
    return allows(action, resource, Map.of());
  }

  private static boolean conditionsHold(PolicyDocument.Statement statement, Map<String, String> context) {
    for (Map.Entry<String, Map<String, List<String>>> operator : statement.conditions().entrySet()) {
      for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
        String value = context.get(key.getKey());
        if (value == null) {
          return false;
        }
        boolean any = switch (operator.getKey()) {
          case "StringLike" -> key.getValue().stream().anyMatch(p -> like(p, value));
          case "StringEquals" -> key.getValue().contains(value);
          default -> throw new IllegalArgumentException("condition operator not evaluated: " + operator.getKey());
        };
        if (!any) {
          return false;
        }
      }
    }
    return true;
  }

  /** IAM's wildcard match: {@code *} any run of characters, {@code ?} one character, the rest literal. */
  static boolean like(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }
}
