package io.streamlake.connect.s3.writer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The offsets one data object holds: its first and last offset and its record count, all from the source
 * topic-partition named in its file name. Written by the writer into every data object (user metadata of a
 * single PUT; for a multipart object the first offset as metadata and the rest as tags right after completion);
 * read back when a conditional write finds the key taken, to tell a replay of the same file from a different
 * file that happens to share the key. The S3 source connector reads it to skip files already replayed without
 * downloading them.
 */
public record FileRange(long first, long last, long records) {

  static final String FIRST = "streamlake-first-offset";
  static final String LAST = "streamlake-last-offset";
  static final String RECORDS = "streamlake-record-count";

  /** Metadata known when the file opens (its first record). */
  static Map<String, String> opening(long first) {
    return Map.of(FIRST, Long.toString(first));
  }

  Map<String, String> toMetadata() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(FIRST, Long.toString(first));
    out.put(LAST, Long.toString(last));
    out.put(RECORDS, Long.toString(records));
    return out;
  }

  /** The range an object states in its metadata or tags; empty when it states none or only part of it. */
  public static Optional<FileRange> from(Map<String, String> attributes) {
    Long first = number(attributes.get(FIRST));
    Long last = number(attributes.get(LAST));
    Long records = number(attributes.get(RECORDS));
    if (first == null || last == null || records == null) {
      return Optional.empty();
    }
    return Optional.of(new FileRange(first, last, records));
  }

  /**
   * Whether every record of {@code ours} is in this object. Both files hold every record of their encoded
   * partition between their first and last offset (an epoch closes all its files together), so an object
   * that starts at the same offset and ends at or after ours holds ours.
   */
  boolean holds(FileRange ours) {
    return first == ours.first && (last > ours.last || (last == ours.last && records >= ours.records));
  }

  @Override
  public String toString() {
    return first + "-" + last + " (" + records + " records)";
  }

  private static Long number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
