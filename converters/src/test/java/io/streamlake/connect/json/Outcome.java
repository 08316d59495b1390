package io.streamlake.connect.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

/**
 * What a converter call gave, in a form two converters' answers can be compared by: the exception class, or
 * the bytes, or the schema and a canonical rendering of the value (which, unlike {@code equals}, compares
 * {@code byte[]} by content inside lists and maps and tells Integer from Long and 0.0 from -0.0).
 */
record Outcome(String error, String text, Schema schema) {

  static Outcome ofBytes(Supplier<byte[]> call) {
    try {
      byte[] bytes = call.get();
      return new Outcome(null, bytes == null ? "<null>" : new String(bytes, StandardCharsets.ISO_8859_1), null);
    } catch (RuntimeException | StackOverflowError e) {
      return new Outcome(e.getClass().getName(), null, null);
    }
  }

  static Outcome ofData(Supplier<SchemaAndValue> call) {
    try {
      SchemaAndValue result = call.get();
      return new Outcome(null, canonical(result.value()), result.schema());
    } catch (RuntimeException | StackOverflowError e) {
      return new Outcome(e.getClass().getName(), null, null);
    }
  }

  boolean failed() {
    return error != null;
  }

  /** Equal outcomes: same exception class, or same bytes, or equal schemas and values. */
  boolean sameAs(Outcome other) {
    return java.util.Objects.equals(error, other.error) && java.util.Objects.equals(text, other.text)
        && java.util.Objects.equals(schema, other.schema);
  }

  static String canonical(Object value) {
    StringBuilder out = new StringBuilder();
    render(value, out);
    return out.toString();
  }

  private static void render(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof byte[] bytes) {
      out.append("bytes:").append(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      out.append("buffer:").append(Base64.getEncoder().encodeToString(copy));
    } else if (value instanceof Struct struct) {
      out.append("struct{");
      for (Field field : struct.schema().fields()) {
        out.append(field.name()).append('=');
        render(struct.getWithoutDefault(field.name()), out);
        out.append(',');
      }
      out.append('}');
    } else if (value instanceof Map<?, ?> map) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries.add(canonical(entry.getKey()) + "=" + canonical(entry.getValue()));
      }
      entries.sort(null);
      out.append(value.getClass().getSimpleName()).append(entries);
    } else if (value instanceof Collection<?> list) {
      out.append(value.getClass().getSimpleName()).append('[');
      for (Object element : list) {
        render(element, out);
        out.append(',');
      }
      out.append(']');
    } else if (value instanceof java.util.Date date) {
      out.append("date:").append(date.getTime());
    } else {
      out.append(value.getClass().getSimpleName()).append(':').append(value);
    }
  }

  @Override
  public String toString() {
    return error != null ? "threw " + error : schema == null ? "" + text : schema + " / " + text;
  }
}
