package io.streamlake.connect.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Change events shaped as Debezium's PostgreSQL connector emits them for the CDC end-to-end test's tables
 * ({@code cdc-e2e}: int, bigint, numeric, text, boolean, timestamp, timestamptz, date, uuid, jsonb; and the
 * deploy demo's orders): an {@code Envelope} with optional {@code before}/{@code after} rows, the full
 * {@code source} block (with the {@code io.debezium.data.Enum} snapshot field and its default), {@code op},
 * {@code ts_ms}/{@code ts_us}/{@code ts_ns} and an optional {@code transaction} block. Debezium's semantic types
 * appear as their named schemas; numeric both as Connect Decimal (precise) and as VariableScaleDecimal.
 */
final class DebeziumEnvelopes {

  static final Schema VARIABLE_SCALE_DECIMAL = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
      .version(1).doc("Variable scaled decimal").optional()
      .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();

  static final Schema ROW = SchemaBuilder.struct().name("dbserver1.public.accounts.Value").optional()
      .field("id", Schema.INT32_SCHEMA)
      .field("big", Schema.OPTIONAL_INT64_SCHEMA)
      .field("balance", Decimal.builder(2).parameter("connect.decimal.precision", "12").optional().build())
      .field("ratio", VARIABLE_SCALE_DECIMAL)
      .field("name", SchemaBuilder.string().optional().defaultValue("anonymous").build())
      .field("active", SchemaBuilder.bool().optional().defaultValue(true).build())
      .field("created_at", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).optional().build())
      .field("updated_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1).optional().build())
      .field("birthday", SchemaBuilder.int32().name("io.debezium.time.Date").version(1).optional().build())
      .field("ref", SchemaBuilder.string().name("io.debezium.data.Uuid").version(1).optional().build())
      .field("attrs", SchemaBuilder.string().name("io.debezium.data.Json").version(1).optional().build())
      .build();

  static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
      .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA)
      .field("name", Schema.STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
      .field("snapshot", SchemaBuilder.string().name("io.debezium.data.Enum").version(1)
          .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
          .defaultValue("false").optional().build())
      .field("db", Schema.STRING_SCHEMA).field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
      .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA).field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
      .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
      .field("txId", Schema.OPTIONAL_INT64_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
      .field("xmin", Schema.OPTIONAL_INT64_SCHEMA).build();

  static final Schema TRANSACTION = SchemaBuilder.struct().name("event.block").version(1).optional()
      .field("id", Schema.STRING_SCHEMA).field("total_order", Schema.INT64_SCHEMA)
      .field("data_collection_order", Schema.INT64_SCHEMA).build();

  static final Schema ENVELOPE = SchemaBuilder.struct().name("dbserver1.public.accounts.Envelope").version(2)
      .field("before", ROW).field("after", ROW).field("source", SOURCE).field("transaction", TRANSACTION)
      .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
      .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA).field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA).build();

  static final Schema KEY = SchemaBuilder.struct().name("dbserver1.public.accounts.Key")
      .field("id", Schema.INT32_SCHEMA).build();

  private DebeziumEnvelopes() {}

  /** Creates, reads, updates and deletes, with nulls in optional columns and now and then a transaction. */
  static List<Struct> events(int count, long seed) {
    Random random = new Random(seed);
    List<Struct> events = new ArrayList<>();
    String[] ops = {"c", "r", "u", "d"};
    for (int i = 0; i < count; i++) {
      String op = ops[i % ops.length];
      long ts = 1_764_000_000_000L + i * 37L;
      Struct source = new Struct(SOURCE).put("version", "3.4.3.Final").put("connector", "postgresql")
          .put("name", "dbserver1").put("ts_ms", ts).put("snapshot", op.equals("r") ? "true" : null)
          .put("db", "inventory").put("sequence", "[\"24023928\",\"24023928\"]").put("ts_us", ts * 1000)
          .put("ts_ns", ts * 1_000_000).put("schema", "public").put("table", "accounts")
          .put("txId", 700L + i).put("lsn", 24_023_928L + 64L * i).put("xmin", null);
      Struct event = new Struct(ENVELOPE)
          .put("before", op.equals("c") || op.equals("r") ? null : row(i, random))
          .put("after", op.equals("d") ? null : row(i, random))
          .put("source", source).put("op", op).put("ts_ms", ts + 5).put("ts_us", (ts + 5) * 1000)
          .put("ts_ns", (ts + 5) * 1_000_000);
      if (i % 3 == 0) {
        event.put("transaction", new Struct(TRANSACTION).put("id", "700:" + (24_023_928L + i))
            .put("total_order", (long) i).put("data_collection_order", (long) i));
      }
      events.add(event);
    }
    return events;
  }

  private static Struct row(int id, Random random) {
    boolean sparse = random.nextInt(4) == 0;
    return new Struct(ROW)
        .put("id", id)
        .put("big", sparse ? null : random.nextLong())
        .put("balance", sparse ? null : BigDecimal.valueOf(random.nextInt(10_000_000) - 5_000_000, 2))
        .put("ratio", sparse ? null : new Struct(VARIABLE_SCALE_DECIMAL).put("scale", 4)
            .put("value", BigInteger.valueOf(random.nextInt()).toByteArray()))
        .put("name", sparse ? null : "name \u00e9 \"" + id + "\"\n")
        .put("active", sparse ? null : random.nextBoolean())
        .put("created_at", 1_764_000_000_000_000L + random.nextInt(1_000_000))
        .put("updated_at", "2026-11-29T16:" + (10 + id % 50) + ":00.123456Z")
        .put("birthday", 10_000 + id)
        .put("ref", "6f1c3a52-0000-4000-8000-" + String.format("%012d", id))
        .put("attrs", sparse ? null : "{\"tags\":[\"a\",\"b\"],\"n\":" + id + ",\"s\":\"\\u00e9\"}");
  }
}
