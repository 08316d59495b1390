package io.streamlake.connect.s3.source.listing;

import java.util.Comparator;

/**
 * One object the sink wrote, as its key names it:
 * {@code <topics.dir>/<pathTopic>/<encoded partition>/<topic>+<partition>+<startOffset>[.<variant>][.keys|.headers]<ext>}.
 *
 * @param key the object key
 * @param pathTopic the topic directory (the topic after the sink's transforms), decoded
 * @param encodedPartition the directories between the topic and the file name, as written (empty when none)
 * @param topic the original topic the records were read from (decoded from the file name)
 * @param partition the original partition
 * @param startOffset the offset of the file's first record
 * @param variant 0, or the n of a variant key written when the normal key was taken
 * @param kind data file, or a keys or headers side file
 * @param extension the format's ending, with its leading dot ({@code .snappy.parquet}, {@code .json.gz})
 */
public record LakeFile(String key, String pathTopic, String encodedPartition, String topic, int partition,
    long startOffset, int variant, Kind kind, String extension) {

  /** What an object holds. */
  public enum Kind { DATA, KEYS, HEADERS }

  /** Replay order within one original partition: start offset, then variant, then key. */
  public static final Comparator<LakeFile> ORDER = Comparator.comparingLong(LakeFile::startOffset)
      .thenComparingInt(LakeFile::variant).thenComparing(LakeFile::key);

  /** The key without its side-file marker and format ending; a data file and its side files share it. */
  public String base() {
    String suffix = switch (kind) {
      case DATA -> extension;
      case KEYS -> ".keys" + extension;
      case HEADERS -> ".headers" + extension;
    };
    return key.substring(0, key.length() - suffix.length());
  }

  /** The original topic-partition, as {@code topic+partition}. */
  public SourcePair pair() {
    return new SourcePair(topic, partition);
  }
}
