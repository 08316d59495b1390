package io.streamlake.connect.s3.testing;

import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

/** Test fixtures: the reference order event and records carrying it. */
public final class Orders {

  public static final Schema ADDRESS = SchemaBuilder.struct().name("io.streamlake.test.Address")
      .field("city", Schema.STRING_SCHEMA)
      .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  public static final Schema ORDER = SchemaBuilder.struct().name("io.streamlake.test.Order").version(1)
      .field("id", Schema.INT64_SCHEMA)
      .field("customer", Schema.STRING_SCHEMA)
      .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "12").build())
      .field("timestamp", Schema.INT64_SCHEMA)
      .field("created", Timestamp.SCHEMA)
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
      .field("address", ADDRESS)
      .build();

  /** Version 2 of the order: one more optional field. */
  public static final Schema ORDER_V2 = v2();

  private Orders() {}

  private static Schema v2() {
    SchemaBuilder builder = SchemaBuilder.struct().name(ORDER.name()).version(2);
    ORDER.fields().forEach(f -> builder.field(f.name(), f.schema()));
    return builder.field("channel", Schema.OPTIONAL_STRING_SCHEMA).build();
  }

  /** An order with schema version 2 (channel set). */
  public static SinkRecord recordV2(String topic, int partition, long offset, long timestampMs) {
    Struct v1 = order(offset, timestampMs);
    Struct value = new Struct(ORDER_V2);
    ORDER.fields().forEach(f -> value.put(f.name(), v1.get(f)));
    value.put("channel", "web");
    return new SinkRecord(topic, partition, Schema.STRING_SCHEMA, "k" + offset, ORDER_V2, value, offset, timestampMs,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME);
  }

  public static Struct order(long id, long timestampMs) {
    return new Struct(ORDER)
        .put("id", id)
        .put("customer", "customer-" + (id % 7))
        .put("amount", new BigDecimal(id).movePointLeft(2).add(BigDecimal.TEN).setScale(2))
        .put("timestamp", timestampMs)
        .put("created", new java.util.Date(timestampMs))
        .put("note", id % 3 == 0 ? null : "note " + id)
        .put("tags", List.of("a", "b" + id))
        .put("address", new Struct(ADDRESS).put("city", "city-" + (id % 5)).put("zip", null));
  }

  public static SinkRecord record(String topic, int partition, long offset, long timestampMs) {
    return new SinkRecord(topic, partition, Schema.STRING_SCHEMA, "k" + offset, ORDER, order(offset, timestampMs),
        offset, timestampMs, org.apache.kafka.common.record.TimestampType.CREATE_TIME);
  }
}
