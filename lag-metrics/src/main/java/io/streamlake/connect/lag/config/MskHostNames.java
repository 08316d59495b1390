package io.streamlake.connect.lag.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the AWS region out of Amazon MSK broker host names (b-1.name.abc123.c2.kafka.eu-west-1.amazonaws.com). */
final class MskHostNames {

  private static final Pattern MSK_HOST = Pattern.compile(
      "(?i)^[^:]*\\.kafka(?:-serverless)?\\.([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.amazonaws\\.com(?:\\.cn)?(?::\\d+)?$");

  private MskHostNames() {}

  static Optional<String> region(List<String> bootstrapServers) {
    for (String server : bootstrapServers) {
      Matcher matcher = MSK_HOST.matcher(server.trim());
      if (matcher.matches()) {
        return Optional.of(matcher.group(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return Optional.empty();
  }
}
