package io.streamlake.connect.s3.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.errors.DataException;

/** Renders one Connect value as a JSON document. */
final class JsonValueWriter {

  private final JsonFactory factory = new JsonFactory();

  byte[] render(Object value, Schema schema) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = factory.createGenerator(buffer)) {
      write(generator, value, schema);
    }
    return buffer.toByteArray();
  }

  /** The schema of a map entry: the map's value schema, or the field's for a row built by name (an envelope). */
  private static Schema entrySchema(Schema schema, String name) {
    if (schema == null) {
      return null;
    }
    if (schema.type() == Schema.Type.STRUCT) {
      Field field = schema.field(name);
      return field == null ? null : field.schema();
    }
    return schema.type() == Schema.Type.MAP ? schema.valueSchema() : null;
  }

  private void write(JsonGenerator out, Object value, Schema schema) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof Struct struct) {
      out.writeStartObject();
      for (Field field : struct.schema().fields()) {
        out.writeFieldName(field.name());
        write(out, struct.get(field), field.schema());
      }
      out.writeEndObject();
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String name = String.valueOf(entry.getKey());
        out.writeFieldName(name);
        write(out, entry.getValue(), entrySchema(schema, name));
      }
      out.writeEndObject();
    } else if (value instanceof Collection<?> items) {
      out.writeStartArray();
      for (Object item : items) {
        write(out, item, schema == null ? null : schema.valueSchema());
      }
      out.writeEndArray();
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof BigDecimal d) {
      out.writeNumber(d);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        out.writeString(Double.toString(d));
      } else {
        out.writeNumber(d);
      }
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof byte[] bytes) {
      out.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      out.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof java.util.Date date) {
      String name = schema == null ? null : schema.name();
      if (Date.LOGICAL_NAME.equals(name)) {
        out.writeNumber(Math.floorDiv(date.getTime(), 86_400_000L));
      } else if (Time.LOGICAL_NAME.equals(name)) {
        out.writeNumber(Math.floorMod(date.getTime(), 86_400_000L));
      } else {
        out.writeNumber(date.getTime());
      }
    } else {
      throw new DataException("Cannot write a " + value.getClass().getSimpleName() + " as JSON");
    }
  }
}
