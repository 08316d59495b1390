package io.streamlake.connect.s3.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The structure of a Joda-style {@code path.format}: its {@code /}-separated segments, each a sequence of
 * literal text and time fields ({@code 'year'=YYYY} is the literal {@code year=} then the field YYYY). The
 * catalog derives partition keys and Athena partition projection from it; {@link PathFormat} renders it.
 */
public final class PathTemplate {

  /** One piece of a segment. */
  public sealed interface Part permits Literal, TimeField {
  }

  /** Text written as it is. */
  public record Literal(String text) implements Part {
  }

  /** A time field: its Joda letter and how many times it is repeated ({@code MM}: 'M', 2). */
  public record TimeField(char letter, int count) implements Part {
  }

  /**
   * One path segment.
   *
   * @param parts literal text and fields in order; literal text never contains {@code /}
   */
  public record Segment(List<Part> parts) {

    public Segment {
      parts = List.copyOf(parts);
    }

    /** The Hive key name: the literal text before the first {@code =} when the segment starts with one. */
    public Optional<String> keyName() {
      if (!parts.isEmpty() && parts.get(0) instanceof Literal literal) {
        int eq = literal.text().indexOf('=');
        if (eq > 0) {
          return Optional.of(literal.text().substring(0, eq));
        }
      }
      return Optional.empty();
    }

    /** The parts after {@code <name>=} (all parts when the segment has no key name). */
    public List<Part> valueParts() {
      if (keyName().isEmpty()) {
        return parts;
      }
      Literal first = (Literal) parts.get(0);
      String rest = first.text().substring(first.text().indexOf('=') + 1);
      List<Part> value = new ArrayList<>();
      if (!rest.isEmpty()) {
        value.add(new Literal(rest));
      }
      value.addAll(parts.subList(1, parts.size()));
      return value;
    }

    /** The time fields of the segment's value, in order. */
    public List<TimeField> fields() {
      List<TimeField> fields = new ArrayList<>();
      for (Part part : parts) {
        if (part instanceof TimeField field) {
          fields.add(field);
        }
      }
      return fields;
    }
  }

  private PathTemplate() {}

  /**
   * Splits a Joda pattern into segments. Quotes mark literal text; {@code /} splits segments wherever it
   * stands, since it splits the rendered key too.
   *
   * @throws IllegalArgumentException for an unbalanced quote
   */
  public static List<Segment> parse(String joda) {
    List<Segment> segments = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < joda.length(); i++) {
      char c = joda.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == '/') {
        flush(literal, parts);
        segments.add(new Segment(parts));
        parts = new ArrayList<>();
      } else if (quoted || !Character.isLetter(c)) {
        literal.append(c);
      } else {
        flush(literal, parts);
        int count = 1;
        while (i + 1 < joda.length() && joda.charAt(i + 1) == c) {
          count++;
          i++;
        }
        parts.add(new TimeField(c, count));
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("Unbalanced single quote in '" + joda + "'");
    }
    flush(literal, parts);
    segments.add(new Segment(parts));
    return segments;
  }

  /** The Joda pattern of some parts (literal text quoted), for rendering or translating them alone. */
  public static String joda(List<Part> parts) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        boolean plain = literal.text().chars().noneMatch(c -> Character.isLetter(c) || c == '\'');
        out.append(plain ? literal.text() : "'" + literal.text() + "'");
      } else {
        TimeField field = (TimeField) part;
        out.append(String.valueOf(field.letter()).repeat(field.count()));
      }
    }
    return out.toString();
  }

  private static void flush(StringBuilder literal, List<Part> parts) {
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }
}
