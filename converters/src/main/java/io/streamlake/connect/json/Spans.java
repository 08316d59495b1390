package io.streamlake.connect.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the members of a JSON object or array in a message as {@link Span}s, for reading them in any order. */
final class Spans {

  private final JsonFactory factory;

  Spans(JsonFactory factory) {
    this.factory = factory;
  }

  /** A parser over the value's bytes, on its first token. */
  JsonParser open(byte[] message, Span span) throws IOException {
    JsonParser p = factory.createParser(message, span.from(), span.to() - span.from());
    p.nextToken();
    return p;
  }

  /**
   * The members of an object by name, as a tree model sees them: a name given twice keeps its first position
   * and its last value. Anything but an object has no members.
   *
   * @param depth the number of containers around the object
   */
  Map<String, Span> members(byte[] message, Span object, int depth) throws IOException {
    if (object.token() != JsonToken.START_OBJECT) {
      return Collections.emptyMap();
    }
    try (JsonParser p = open(message, object)) {
      StreamLimits.checkDepth(depth + 1);
      Map<String, Span> members = new LinkedHashMap<>();
      String name;
      while ((name = p.nextFieldName()) != null) {
        StreamLimits.checkName(name);
        p.nextToken();
        members.put(name, Span.consume(p, object.from(), depth + 1));
      }
      return members;
    }
  }

  /** The elements of an array; anything but an array has none. */
  List<Span> elements(byte[] message, Span array, int depth) throws IOException {
    if (array.token() != JsonToken.START_ARRAY) {
      return Collections.emptyList();
    }
    try (JsonParser p = open(message, array)) {
      StreamLimits.checkDepth(depth + 1);
      List<Span> elements = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        elements.add(Span.consume(p, array.from(), depth + 1));
      }
      return elements;
    }
  }
}
