package io.streamlake.connect.gsr.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Order events as Connect data, as a source connector with AWS's JSON Schema converter would hand them over: every
 * Connect type that converter maps (int8 to int64, float32/64, boolean, string, bytes, Decimal, Date, Time,
 * Timestamp), a named top-level struct, a nested struct, an array of structs, a map, optional fields (null in some
 * events). {@link #value(int)} is deterministic, so tests can rebuild the values the committed AWS vectors were made
 * from.
 */
public final class JsonOrderEvents {

  /** The struct name, written as {@code connect.name}. */
  public static final String NAME = "com.example.orders.OrderEvent";

  public static final Schema ADDRESS = SchemaBuilder.struct()
      .field("street", Schema.STRING_SCHEMA)
      .field("city", Schema.STRING_SCHEMA)
      .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  public static final Schema ITEM = SchemaBuilder.struct()
      .field("sku", Schema.STRING_SCHEMA)
      .field("quantity", Schema.INT32_SCHEMA)
      .field("unit_price", Decimal.schema(2))
      .build();

  public static final Schema SCHEMA = SchemaBuilder.struct().name(NAME).doc("One change of an order")
      .field("order_id", Schema.STRING_SCHEMA)
      .field("customer_id", Schema.INT64_SCHEMA)
      .field("priority", Schema.INT8_SCHEMA)
      .field("line_count", Schema.INT16_SCHEMA)
      .field("quantity", Schema.INT32_SCHEMA)
      .field("weight_kg", Schema.FLOAT32_SCHEMA)
      .field("list_price", Schema.FLOAT64_SCHEMA)
      .field("express", Schema.BOOLEAN_SCHEMA)
      .field("amount", Decimal.schema(2))
      .field("placed_at", Timestamp.SCHEMA)
      .field("ship_date", Date.builder().optional().build())
      .field("pickup_time", Time.SCHEMA)
      .field("address", ADDRESS)
      .field("items", SchemaBuilder.array(ITEM).build())
      .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
      .field("signature", Schema.OPTIONAL_BYTES_SCHEMA)
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  /**
   * A JSON Schema as a producer writes it by hand (draft-07, no Connect annotations): {@code required}, nullable
   * types as type arrays, a {@code $ref} into {@code definitions}, an integer, a number, an enum, an array, a map
   * as {@code additionalProperties}. Read by the converter into a Connect struct.
   */
  public static final String PRODUCER_SCHEMA = """
      {"$schema": "http://json-schema.org/draft-07/schema#", "title": "Shipment", "type": "object",
       "properties": {
        "shipment_id": {"type": "string"},
        "weight_grams": {"type": "integer"},
        "volume_litres": {"type": "number"},
        "fragile": {"type": ["boolean", "null"]},
        "carrier": {"enum": ["DHL", "UPS", "POST"]},
        "destination": {"$ref": "#/definitions/address"},
        "parcels": {"type": "array", "items": {"type": "integer"}},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "comment": {"oneOf": [{"type": "null"}, {"type": "string"}]}
       },
       "required": ["shipment_id", "weight_grams", "destination", "parcels"],
       "definitions": {"address": {"type": "object", "properties": {"city": {"type": "string"},
         "country": {"type": "string"}}, "required": ["city", "country"]}}}
      """;

  /** Payloads of {@link #PRODUCER_SCHEMA}, valid for it (AWS's serializer validates them). */
  public static final List<String> PRODUCER_PAYLOADS = List.of(
      "{\"shipment_id\":\"s-1\",\"weight_grams\":1200,\"volume_litres\":2.5,\"fragile\":true,\"carrier\":\"DHL\","
          + "\"destination\":{\"city\":\"Leeds\",\"country\":\"GB\"},\"parcels\":[1,2],\"labels\":{\"a\":\"x\"},"
          + "\"comment\":\"top\"}",
      "{\"shipment_id\":\"s-2\",\"weight_grams\":9007199254740993,\"destination\":{\"city\":\"Porto\","
          + "\"country\":\"PT\"},\"parcels\":[],\"fragile\":null}");

  /** 2026-01-01T00:00:00Z in milliseconds. */
  public static final long NEW_YEAR_MS = 1_767_225_600_000L;

  private JsonOrderEvents() {}

  public static int count() {
    return 6;
  }

  public static Struct value(int i) {
    List<Struct> items = new ArrayList<>();
    for (int item = 0; item <= i % 3; item++) {
      items.add(new Struct(ITEM).put("sku", "SKU-" + (100 + item)).put("quantity", item + 1)
          .put("unit_price", BigDecimal.valueOf(199 + 250L * item + i, 2)));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("channel", i % 2 == 0 ? "web" : "store");
    if (i % 3 == 1) {
      attributes.put("coupon", "NEWYEAR" + i);
    }
    Struct address = new Struct(ADDRESS).put("street", i + " Harbour Road").put("city", i % 2 == 0 ? "Leeds" : "Porto")
        .put("zip", i % 2 == 0 ? "LS1 " + i + "AB" : null);
    return new Struct(SCHEMA)
        .put("order_id", "order-" + i)
        .put("customer_id", 9_000_000_000L + i)
        .put("priority", (byte) (i - 2))
        .put("line_count", (short) (items.size() * 300))
        .put("quantity", 10 * i + 1)
        .put("weight_kg", 0.25f + i * 1.5f)
        .put("list_price", 19.99 * (i + 1))
        .put("express", i % 2 == 1)
        .put("amount", BigDecimal.valueOf(i == 4 ? -7_655 : 12_345 - 1_000L * i, 2))
        .put("placed_at", new java.util.Date(NEW_YEAR_MS + i * 3_600_123L))
        .put("ship_date", i % 3 == 0 ? null : new java.util.Date((20_454L + i) * 86_400_000L))
        .put("pickup_time", new java.util.Date((9 * 3600 + i * 61) * 1000L + i))
        .put("address", address)
        .put("items", items)
        .put("attributes", attributes)
        .put("signature", i % 2 == 0 ? null : new byte[] {(byte) i, (byte) 0xff, 0, (byte) 0x80})
        .put("note", i == 5 ? "leave at the door, \"ring twice\" \u00e9" : null);
  }
}
