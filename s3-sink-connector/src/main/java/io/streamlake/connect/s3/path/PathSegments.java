package io.streamlake.connect.s3.path;

import java.nio.charset.StandardCharsets;

/**
 * Encodes record values for use inside one S3 key segment, so that no value can escape its prefix.
 *
 * <p>Letters, digits and {@code - _ . ~ +} stay as they are; every other byte of the UTF-8 form, including
 * {@code /}, {@code %}, {@code =} (Hive and Glue split {@code name=value} at the first {@code =}), spaces and
 * control characters, becomes {@code %XX}, which Hive, Glue and Athena decode. A segment that would be
 * {@code .} or {@code ..} has its dots encoded; null becomes Hive's {@code __HIVE_DEFAULT_PARTITION__} and an
 * empty value {@code __empty__}, and a value that is literally one of those two has its first underscore
 * encoded ({@code %5F_HIVE_DEFAULT_PARTITION__}), so it never reads as null or empty.
 */
public final class PathSegments {

  /** Hive's spelling of a null partition value, which Athena and Glue understand. */
  public static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";
  static final String EMPTY_VALUE = "__empty__";

  private PathSegments() {}

  public static String encode(String value) {
    if (value == null) {
      return NULL_VALUE;
    }
    if (value.isEmpty()) {
      return EMPTY_VALUE;
    }
    if (value.equals(".") || value.equals("..")) {
      return value.replace(".", "%2E");
    }
    if (value.equals(NULL_VALUE) || value.equals(EMPTY_VALUE)) {
      return "%5F" + value.substring(1);
    }
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || c == '+') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
