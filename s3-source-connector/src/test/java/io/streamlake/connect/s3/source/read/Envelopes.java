package io.streamlake.connect.s3.source.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** Test fixture: envelope rows and header lists as spec section 1 defines them (what the sink writes). */
final class Envelopes {

  static final Schema HEADER = SchemaBuilder.struct().name("io.streamlake.connect.s3.Header")
      .field("key", Schema.STRING_SCHEMA)
      .field("value", Schema.OPTIONAL_BYTES_SCHEMA)
      .build();
  static final Schema HEADERS = SchemaBuilder.array(HEADER).optional().build();

  private Envelopes() {}

  static Schema schema(Schema keySchema, Schema valueSchema) {
    return SchemaBuilder.struct().name("io.streamlake.connect.s3.Envelope")
        .field("key", keySchema)
        .field("value", valueSchema)
        .field("headers", HEADERS)
        .field("topic", Schema.STRING_SCHEMA)
        .field("partition", Schema.INT32_SCHEMA)
        .field("offset", Schema.INT64_SCHEMA)
        .field("timestamp", Timestamp.builder().optional().build())
        .build();
  }

  /** Headers of record {@code i}: none, one with a null value, or several with binary and text values. */
  static List<StoredHeader> headers(int i) {
    List<StoredHeader> out = new ArrayList<>();
    if (i % 3 == 1) {
      out.add(new StoredHeader("nothing", null));
    }
    if (i % 3 == 2) {
      out.add(new StoredHeader("trace", ("id-" + i).getBytes(StandardCharsets.UTF_8)));
      out.add(new StoredHeader("bin", new byte[] {0, (byte) 0xff, (byte) i}));
      out.add(new StoredHeader("trace", new byte[0])); // repeated key, empty value
    }
    return out;
  }

  static List<Struct> headerStructs(List<StoredHeader> headers) {
    List<Struct> out = new ArrayList<>();
    for (StoredHeader header : headers) {
      out.add(new Struct(HEADER).put("key", header.key()).put("value", header.value()));
    }
    return out;
  }

  static Struct row(Schema envelope, Object key, Object value, List<StoredHeader> headers, long offset,
      Long timestamp) {
    return new Struct(envelope).put("key", key).put("value", value).put("headers", headerStructs(headers))
        .put("topic", "orders").put("partition", 3).put("offset", offset)
        .put("timestamp", timestamp == null ? null : new java.util.Date(timestamp));
  }

  /** The schemaless form of an envelope the sink writes to JSON lines for records without schemas. */
  static Map<String, Object> map(Object key, Object value, List<StoredHeader> headers, long offset, Long timestamp) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", key);
    out.put("value", value);
    List<Map<String, Object>> list = new ArrayList<>();
    for (StoredHeader header : headers) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("key", header.key());
      h.put("value", header.value());
      list.add(h);
    }
    out.put("headers", list);
    out.put("topic", "orders");
    out.put("partition", 3);
    out.put("offset", offset);
    out.put("timestamp", timestamp);
    return out;
  }
}
