package io.streamlake.connect.s3.source.listing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sink's key layout ({@code writer.ObjectKeys}) back: which objects under {@code topics.dir} are data
 * files, side files, or neither (epoch markers under {@code _epochs/}, anything else).
 */
public final class LakeKeys {

  /** Where the sink keeps its exactly-once markers, under topics.dir. */
  public static final String EPOCHS_DIR = "_epochs";

  private static final Pattern NAME = Pattern.compile(
      "(?<topic>[^+/]+)\\+(?<partition>\\d{1,9})\\+(?<offset>\\d{1,19})(?:\\.(?<variant>\\d{1,2}))?"
          + "(?<side>\\.keys|\\.headers)?(?<ext>\\.[^/]+)");
  private static final String[] FORMATS = {".parquet", ".avro", ".json", ".json.gz"};

  private final String prefix;

  public LakeKeys(String topicsDir) {
    String dir = topicsDir;
    while (dir.startsWith("/")) {
      dir = dir.substring(1);
    }
    while (dir.endsWith("/")) {
      dir = dir.substring(0, dir.length() - 1);
    }
    this.prefix = dir.isEmpty() ? "" : dir + "/";
  }

  /** What to list: {@code topics.dir} with a trailing slash (empty for the bucket's root). */
  public String prefix() {
    return prefix;
  }

  /** The topic directory of a key under the prefix, with its trailing slash (what a task lists). */
  public String topicPrefix(String key) {
    String relative = key.substring(prefix.length());
    return prefix + relative.substring(0, relative.indexOf('/') + 1);
  }

  /** The file a key names, or empty for markers, unknown endings and keys outside the layout. */
  public Optional<LakeFile> parse(String key) {
    if (!key.startsWith(prefix)) {
      return Optional.empty();
    }
    String relative = key.substring(prefix.length());
    int firstSlash = relative.indexOf('/');
    int lastSlash = relative.lastIndexOf('/');
    if (firstSlash <= 0 || relative.startsWith(EPOCHS_DIR + "/")) {
      return Optional.empty();
    }
    Matcher name = NAME.matcher(relative.substring(lastSlash + 1));
    if (!name.matches()) {
      return Optional.empty();
    }
    String extension = name.group("ext");
    if (!knownFormat(extension)) {
      return Optional.empty();
    }
    String side = name.group("side");
    LakeFile.Kind kind = side == null ? LakeFile.Kind.DATA
        : side.equals(".keys") ? LakeFile.Kind.KEYS : LakeFile.Kind.HEADERS;
    String variant = name.group("variant");
    try {
      return Optional.of(new LakeFile(key, decode(relative.substring(0, firstSlash)),
          firstSlash == lastSlash ? "" : relative.substring(firstSlash + 1, lastSlash), decode(name.group("topic")),
          Integer.parseInt(name.group("partition")), Long.parseLong(name.group("offset")),
          variant == null ? 0 : Integer.parseInt(variant), kind, extension));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean knownFormat(String extension) {
    for (String format : FORMATS) {
      if (extension.endsWith(format)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Undoes the sink's segment encoding ({@code path.PathSegments}): {@code %XX} bytes of UTF-8.
   *
   * @throws IllegalArgumentException for a malformed escape
   */
  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && i + 2 < segment.length()) {
        out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c == '%') {
        throw new IllegalArgumentException("Malformed escape in " + segment);
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
