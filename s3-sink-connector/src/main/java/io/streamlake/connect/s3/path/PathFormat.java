package io.streamlake.connect.s3.path;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * A Joda-style {@code path.format} (as Confluent's sink uses it) rendered with java.time.
 *
 * <p>The two libraries disagree on letters that matter for paths: in Joda {@code Y} is the year of era
 * (the calendar year) while in java.time it is the week-based year, which prints 2027 on 2026-12-31. The
 * pattern is therefore translated letter by letter; unsupported letters are rejected, never guessed.
 */
public final class PathFormat {

  /** Joda letter to java.time letter. */
  private static final Map<Character, Character> LETTERS = Map.ofEntries(
      Map.entry('Y', 'y'), Map.entry('y', 'y'), Map.entry('x', 'Y'), Map.entry('M', 'M'), Map.entry('d', 'd'),
      Map.entry('D', 'D'), Map.entry('H', 'H'), Map.entry('h', 'h'), Map.entry('k', 'k'), Map.entry('K', 'K'),
      Map.entry('m', 'm'), Map.entry('s', 's'), Map.entry('S', 'S'), Map.entry('E', 'E'), Map.entry('a', 'a'),
      Map.entry('w', 'w'), Map.entry('G', 'G'), Map.entry('Z', 'Z'), Map.entry('z', 'z'));

  private final DateTimeFormatter formatter;

  public PathFormat(String jodaPattern, ZoneId zone, Locale locale) {
    this.formatter = DateTimeFormatter.ofPattern(toJavaPattern(jodaPattern), locale).withZone(zone);
  }

  public String format(long epochMillis) {
    return formatter.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * Translates a Joda pattern to a java.time pattern.
   *
   * @throws IllegalArgumentException naming the unsupported letter or the unbalanced quote
   */
  public static String toJavaPattern(String joda) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < joda.length(); i++) {
      char c = joda.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        out.append(c);
      } else if (quoted || !Character.isLetter(c)) {
        out.append(c);
      } else {
        Character mapped = LETTERS.get(c);
        if (mapped == null) {
          throw new IllegalArgumentException("Unsupported letter '" + c + "' at position " + i
              + "; supported letters: " + LETTERS.keySet().stream().map(String::valueOf).sorted()
              .reduce((a, b) -> a + b).orElse("") + " (quote literal text with ')");
        }
        out.append(mapped.charValue());
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("Unbalanced single quote in '" + joda + "'");
    }
    String pattern = out.toString();
    try {
      DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid pattern '" + joda + "': " + e.getMessage(), e);
    }
    return pattern;
  }
}
