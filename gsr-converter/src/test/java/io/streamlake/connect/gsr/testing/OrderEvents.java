package io.streamlake.connect.gsr.testing;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro order events as a producer with AWS's serializer would write them: decimals on bytes and on fixed,
 * timestamp-millis and -micros, date, time-millis, an enum with a default, a nested record, an array of records,
 * a map, optional fields. {@link #record(int)} is deterministic, so tests can rebuild the values that the committed
 * AWS vectors were made from.
 */
public final class OrderEvents {

  public static final String SCHEMA_JSON = """
      {"type": "record", "name": "OrderEvent", "namespace": "com.example.orders", "doc": "One change of an order",
       "fields": [
        {"name": "order_id", "type": "string"},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
        {"name": "tax", "type": {"type": "fixed", "name": "Tax", "size": 8, "logicalType": "decimal",
          "precision": 10, "scale": 3}},
        {"name": "placed_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "placed_at_micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "ship_date", "type": ["null", {"type": "int", "logicalType": "date"}], "default": null},
        {"name": "pickup_time", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]},
          "default": "NEW"},
        {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
          {"name": "id", "type": "long"},
          {"name": "email", "type": ["null", "string"], "default": null},
          {"name": "tier", "type": "string", "default": "standard"}]}},
        {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item", "fields": [
          {"name": "sku", "type": "string"},
          {"name": "quantity", "type": "int"},
          {"name": "unit_price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10,
            "scale": 2}}]}}},
        {"name": "attributes", "type": {"type": "map", "values": "string"}, "default": {}},
        {"name": "note", "type": ["null", "string"], "default": null}
       ]}
      """;

  public static final Schema SCHEMA = new Schema.Parser().parse(SCHEMA_JSON);

  /** 2026-01-01T00:00:00Z in milliseconds. */
  public static final long NEW_YEAR_MS = 1_767_225_600_000L;
  /** 2026-01-01 in days since the epoch. */
  public static final int NEW_YEAR_DAYS = 20_454;

  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private OrderEvents() {}

  public static BigDecimal amount(int i) {
    return BigDecimal.valueOf(1999 + 1001L * i - (i % 3 == 2 ? 500_000 : 0), 2);
  }

  public static BigDecimal tax(int i) {
    return BigDecimal.valueOf(123_456L + 7L * i, 3);
  }

  public static long placedAtMillis(int i) {
    return NEW_YEAR_MS + i * 3_600_123L;
  }

  public static long placedAtMicros(int i) {
    return placedAtMillis(i) * 1000 + 789;
  }

  public static Integer shipDate(int i) {
    return i % 2 == 0 ? NEW_YEAR_DAYS + i : null;
  }

  public static int pickupTimeMillis(int i) {
    return 8 * 3_600_000 + i * 61_001;
  }

  public static String status(int i) {
    return List.of("NEW", "PAID", "SHIPPED").get(i % 3);
  }

  public static String email(int i) {
    return i % 2 == 1 ? null : "customer" + i + "@example.com";
  }

  public static String note(int i) {
    return i % 4 == 3 ? "leave at the door, " + "\u00e9t\u00e9 \u2713" : null;
  }

  public static BigDecimal unitPrice(int i, int item) {
    return BigDecimal.valueOf(250L + 100L * item + i, 2);
  }

  public static int itemCount(int i) {
    return i % 3;
  }

  /** Order event number {@code i} as a generic record of {@link #SCHEMA}. */
  public static GenericRecord record(int i) {
    Schema customerSchema = SCHEMA.getField("customer").schema();
    Schema itemSchema = SCHEMA.getField("items").schema().getElementType();
    GenericRecord customer = new GenericData.Record(customerSchema);
    customer.put("id", 1000L + i);
    customer.put("email", email(i));
    customer.put("tier", i % 2 == 0 ? "gold" : "standard");
    List<GenericRecord> items = new ArrayList<>();
    for (int k = 0; k < itemCount(i); k++) {
      GenericRecord item = new GenericData.Record(itemSchema);
      item.put("sku", "SKU-" + i + "-" + k);
      item.put("quantity", k + 1);
      item.put("unit_price", decimalBytes(unitPrice(i, k), itemSchema.getField("unit_price").schema()));
      items.add(item);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    if (i % 2 == 0) {
      attributes.put("channel", "web");
      attributes.put("coupon", "C" + i);
    }
    GenericRecord order = new GenericData.Record(SCHEMA);
    order.put("order_id", "order-" + i);
    order.put("amount", decimalBytes(amount(i), SCHEMA.getField("amount").schema()));
    Schema taxSchema = SCHEMA.getField("tax").schema();
    GenericFixed tax = DECIMALS.toFixed(tax(i), taxSchema, taxSchema.getLogicalType());
    order.put("tax", tax);
    order.put("placed_at", placedAtMillis(i));
    order.put("placed_at_micros", placedAtMicros(i));
    order.put("ship_date", shipDate(i));
    order.put("pickup_time", pickupTimeMillis(i));
    order.put("status", new GenericData.EnumSymbol(SCHEMA.getField("status").schema(), status(i)));
    order.put("customer", customer);
    order.put("items", new GenericData.Array<>(SCHEMA.getField("items").schema(), items));
    order.put("attributes", attributes);
    order.put("note", note(i));
    return order;
  }

  private static ByteBuffer decimalBytes(BigDecimal value, Schema schema) {
    return DECIMALS.toBytes(value, schema, LogicalTypes.fromSchema(schema));
  }
}
