package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.partition.PathSegments;

/**
 * Data object keys, as Confluent writes them so existing Athena/Glue tables keep working:
 * {@code <topics.dir>/<topic>/<encoded partition>/<topic>+<kafkaPartition>+<startOffset>.<ext>}.
 */
public final class ObjectKeys {

  private final String topicsDir;
  private final String extension;
  private final int padWidth;

  public ObjectKeys(String topicsDir, String extension, int padWidth) {
    this.topicsDir = trimSlashes(topicsDir);
    this.extension = extension;
    this.padWidth = padWidth;
  }

  public String dataKey(String topic, int partition, String encodedPartition, long startOffset) {
    String offset = Long.toString(startOffset);
    String padded = offset.length() >= padWidth ? offset : "0".repeat(padWidth - offset.length()) + offset;
    String safeTopic = PathSegments.encode(topic);
    return prefix() + safeTopic + "/" + encodedPartition + "/" + safeTopic + "+" + partition + "+" + padded
        + extension;
  }

  /** Prefix of everything the sink writes ({@code topics.dir} with a trailing slash, or empty). */
  public String prefix() {
    return topicsDir.isEmpty() ? "" : topicsDir + "/";
  }

  private static String trimSlashes(String text) {
    String out = text;
    while (out.startsWith("/")) {
      out = out.substring(1);
    }
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
