package io.streamlake.connect.s3.writer;

import io.streamlake.connect.s3.path.PathSegments;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;

/**
 * Data object keys, as Confluent writes them so existing Athena/Glue tables keep working:
 * {@code <topics.dir>/<topic>/<encoded partition>/<topic>+<kafkaPartition>+<startOffset>.<ext>}.
 *
 * <p>The directory uses the record's topic as the transforms left it (a {@code RegexRouter} renames the path);
 * the file name always uses the source topic-partition the record was read from, so two source partitions
 * routed to one name never share a key: {@code cdc/orders/.../dbserver1.inventory.orders+0+0000000042.parquet}.
 * When a key is found taken by an object holding other records (see {@link FileRange}), the file is written
 * under a variant, {@code <topic>+<partition>+<startOffset>.<n>.<ext>} with n from 1.
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

  /** S3's limit on the length of a key, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;
  /** Variants a file may take when its key is taken; room for the suffix is kept below the limit. */
  static final int MAX_VARIANT = 99;
  private static final int VARIANT_ROOM = 3;

  /** The key of the file of {@code source} starting at {@code startOffset}, under the path of {@code pathTopic}. */
  public String dataKey(String pathTopic, TopicPartition source, String encodedPartition, long startOffset) {
    return dataKey(pathTopic, source, encodedPartition, startOffset, 0);
  }

  /**
   * @param variant 0 for the normal key, 1..{@value #MAX_VARIANT} when lower ones are taken by other records
   * @throws DataException when the key would be longer than S3 allows (the record cannot be written anywhere)
   */
  String dataKey(String pathTopic, TopicPartition source, String encodedPartition, long startOffset, int variant) {
    String offset = Long.toString(startOffset);
    String padded = offset.length() >= padWidth ? offset : "0".repeat(padWidth - offset.length()) + offset;
    String base = prefix() + PathSegments.encode(pathTopic) + "/" + encodedPartition + "/"
        + PathSegments.encode(source.topic()) + "+" + source.partition() + "+" + padded;
    int bytes = base.getBytes(StandardCharsets.UTF_8).length + extension.length() + VARIANT_ROOM;
    if (bytes > MAX_KEY_BYTES) {
      throw new DataException("The object key for this record would be " + bytes + " bytes long, over S3's limit"
          + " of " + MAX_KEY_BYTES + " (the encoded partition is " + encodedPartition.getBytes(StandardCharsets.UTF_8)
          .length + " bytes: shorten the values named by partition.field.name or path.format, or topics.dir)");
    }
    return variant == 0 ? base + extension : base + "." + variant + extension;
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
