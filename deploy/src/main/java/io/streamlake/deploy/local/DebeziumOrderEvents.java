package io.streamlake.deploy.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Change events of a PostgreSQL {@code inventory.orders} table as Debezium's Postgres connector writes them with the
 * JsonConverter ({@code schemas.enable=true}): an envelope with {@code before}, {@code after}, {@code source},
 * {@code op} and {@code ts_ms}; {@code total} a Connect Decimal ({@code decimal.handling.mode=precise}) and
 * {@code updated_at} an {@code io.debezium.time.MicroTimestamp}. Every event inserts a new order, updates or deletes
 * an earlier one (about one in five updates, one in twenty deletes), so the unwrap SMT sees every kind.
 */
final class DebeziumOrderEvents implements SampleEvents {

  static final String TOPIC = "pg.inventory.orders";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STATUSES = List.of("created", "paid", "shipped", "delivered");

  private final RandomGenerator random;
  private final ObjectNode schema;

  DebeziumOrderEvents(RandomGenerator random) {
    this.random = random;
    this.schema = envelopeSchema();
  }

  @Override
  public byte[] key(long sequence) {
    return Long.toString(rowId(sequence)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] value(long sequence, long timestampMs) {
    long id = rowId(sequence);
    String op = op(sequence);
    ObjectNode payload = JSON.createObjectNode();
    payload.set("before", op.equals("c") ? null : row(id, "created", timestampMs - 60_000));
    payload.set("after", op.equals("d") ? null : row(id, op.equals("c") ? "created"
        : STATUSES.get(1 + random.nextInt(STATUSES.size() - 1)), timestampMs));
    payload.set("source", JSON.createObjectNode()
        .put("version", "3.4.3.Final").put("connector", "postgresql").put("name", "pg")
        .put("ts_ms", timestampMs).put("db", "inventory").put("schema", "inventory").put("table", "orders")
        .put("lsn", 24_000_000L + sequence * 64));
    payload.put("op", op);
    payload.put("ts_ms", timestampMs + 5);
    return SampleEvents.withSchema(JSON, schema, payload);
  }

  @Override
  public String description() {
    return "Debezium change events of inventory.orders";
  }

  /** Event 0, 1, 2, ... insert rows 1, 2, 3, ...; an update or a delete touches the row inserted 10 events before. */
  private static long rowId(long sequence) {
    return op(sequence).equals("c") ? sequence + 1 : sequence - 9;
  }

  private static String op(long sequence) {
    if (sequence < 10) {
      return "c";
    }
    return sequence % 20 == 7 ? "d" : sequence % 5 == 3 ? "u" : "c";
  }

  private ObjectNode row(long id, String status, long timestampMs) {
    long cents = 500 + random.nextInt(100_000);
    return JSON.createObjectNode()
        .put("id", id)
        .put("customer_id", "c-" + (1 + random.nextInt(5000)))
        .put("status", status)
        .put("total", Base64.getEncoder().encodeToString(BigInteger.valueOf(cents).toByteArray()))
        .put("updated_at", timestampMs * 1000 + random.nextInt(1000));
  }

  private static ObjectNode envelopeSchema() {
    ObjectNode envelope = struct("pg.inventory.orders.Envelope", false);
    ArrayNode fields = envelope.putArray("fields");
    fields.add(rowSchema("before"));
    fields.add(rowSchema("after"));
    ObjectNode source = struct("io.debezium.connector.postgresql.Source", false).put("field", "source");
    ArrayNode sourceFields = source.putArray("fields");
    for (String name : List.of("version", "connector", "name", "db", "schema", "table")) {
      sourceFields.add(field(name, "string", false));
    }
    sourceFields.add(field("ts_ms", "int64", false));
    sourceFields.add(field("lsn", "int64", true));
    fields.add(source);
    fields.add(field("op", "string", false));
    fields.add(field("ts_ms", "int64", true));
    return envelope;
  }

  private static ObjectNode rowSchema(String fieldName) {
    ObjectNode row = struct("pg.inventory.orders.Value", true).put("field", fieldName);
    ArrayNode fields = row.putArray("fields");
    fields.add(field("id", "int64", false));
    fields.add(field("customer_id", "string", false));
    fields.add(field("status", "string", false));
    ObjectNode total = field("total", "bytes", false).put("name", "org.apache.kafka.connect.data.Decimal")
        .put("version", 1);
    total.putObject("parameters").put("scale", "2").put("connect.decimal.precision", "12");
    fields.add(total);
    fields.add(field("updated_at", "int64", false).put("name", "io.debezium.time.MicroTimestamp").put("version", 1));
    return row;
  }

  private static ObjectNode struct(String name, boolean optional) {
    return JSON.createObjectNode().put("type", "struct").put("name", name).put("optional", optional);
  }

  private static ObjectNode field(String name, String type, boolean optional) {
    return JSON.createObjectNode().put("field", name).put("type", type).put("optional", optional);
  }
}
