package io.streamlake.deploy.iam;

/**
 * Turns a connector's {@code topics.regex} into an IAM resource wildcard when the regex is a literal name with
 * {@code .*} wildcards (for example {@code pg\.inventory\..*} becomes {@code pg.inventory.*}). Anything richer
 * (classes, alternation, {@code ?}, {@code +}) has no exact IAM form, so it is refused rather than widened silently.
 */
public final class TopicPattern {

  private TopicPattern() {}

  /** The IAM wildcard matching the same topic names as {@code regex}. */
  public static String wildcard(String regex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length() && isLiteralEscape(regex.charAt(i + 1))) {
        out.append(regex.charAt(++i));
      } else if (c == '.' && i + 1 < regex.length() && regex.charAt(i + 1) == '*') {
        out.append('*');
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
        out.append(c);
      } else {
        throw new IllegalArgumentException("topics.regex '" + regex + "' has no IAM wildcard form (only literal"
            + " names, \\. and .* are translated); list the topics in topics, or give --topic-pattern");
      }
    }
    return out.toString();
  }

  private static boolean isLiteralEscape(char c) {
    return c == '.' || c == '-' || c == '_';
  }
}
