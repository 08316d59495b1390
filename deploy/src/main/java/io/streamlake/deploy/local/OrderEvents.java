package io.streamlake.deploy.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Sample order events as Kafka Connect's JsonConverter reads them with {@code schemas.enable=true}: a
 * {@code schema} and a {@code payload}, the record time in the {@code timestamp} field (a Connect Timestamp, so
 * the Parquet column is a real TIMESTAMP and the seed configuration's {@code RecordField} extractor uses it).
 */
public final class OrderEvents implements SampleEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STATUSES = List.of("created", "paid", "shipped", "delivered", "cancelled");
  private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");

  private final ObjectNode schema;
  private final RandomGenerator random;

  public OrderEvents(RandomGenerator random) {
    this.random = random;
    this.schema = schema();
  }

  /** The key (the order id) of event number {@code sequence}. */
  @Override
  public byte[] key(long sequence) {
    return orderId(sequence).getBytes(StandardCharsets.UTF_8);
  }

  /** Event number {@code sequence}, at {@code timestampMs}. */
  @Override
  public byte[] value(long sequence, long timestampMs) {
    ObjectNode payload = JSON.createObjectNode()
        .put("order_id", orderId(sequence))
        .put("customer_id", "c-" + random.nextInt(1, 5000))
        .put("status", STATUSES.get(random.nextInt(STATUSES.size())))
        .put("amount", BigDecimal.valueOf(random.nextInt(500, 50000), 2).setScale(2, RoundingMode.UNNECESSARY)
            .doubleValue())
        .put("currency", CURRENCIES.get(random.nextInt(CURRENCIES.size())))
        .put("items", random.nextInt(1, 6))
        .put("timestamp", timestampMs);
    return SampleEvents.withSchema(JSON, schema, payload);
  }

  @Override
  public String description() {
    return "order events";
  }

  private static String orderId(long sequence) {
    return "o-" + sequence;
  }

  private static ObjectNode schema() {
    ObjectNode schema = JSON.createObjectNode().put("type", "struct").put("name", "io.streamlake.demo.OrderEvent")
        .put("optional", false);
    ArrayNode fields = schema.putArray("fields");
    fields.add(field("order_id", "string"));
    fields.add(field("customer_id", "string"));
    fields.add(field("status", "string"));
    fields.add(field("amount", "double"));
    fields.add(field("currency", "string"));
    fields.add(field("items", "int32"));
    fields.add(field("timestamp", "int64").put("name", "org.apache.kafka.connect.data.Timestamp")
        .put("version", 1));
    return schema;
  }

  private static ObjectNode field(String name, String type) {
    return JSON.createObjectNode().put("field", name).put("type", type).put("optional", false);
  }
}
