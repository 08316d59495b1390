package io.streamlake.connect.lag.admin;

import java.util.Optional;
import java.util.regex.Pattern;

/** Which groups and topics are reported: full regex matches of include minus exclude. */
public record GroupFilter(Pattern groupsInclude, Optional<Pattern> groupsExclude, Pattern topicsInclude,
    Optional<Pattern> topicsExclude) {

  public static GroupFilter all() {
    return new GroupFilter(Pattern.compile(".*"), Optional.empty(), Pattern.compile(".*"), Optional.empty());
  }

  public boolean acceptsGroup(String groupId) {
    return groupsInclude.matcher(groupId).matches()
        && groupsExclude.map(p -> !p.matcher(groupId).matches()).orElse(true);
  }

  public boolean acceptsTopic(String topic) {
    return topicsInclude.matcher(topic).matches()
        && topicsExclude.map(p -> !p.matcher(topic).matches()).orElse(true);
  }
}
