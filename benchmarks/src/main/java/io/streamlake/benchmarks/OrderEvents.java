package io.streamlake.benchmarks;

import io.streamlake.connect.s3.testing.Orders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The reference event of every benchmark: {@link Orders#ORDER} (id, customer, decimal amount, timestamp long,
 * Connect Timestamp, optional note, array of tags, nested address with an optional zip: 11 leaf columns), record
 * {@code i} built by {@link Orders#order}, and as JSON-with-schema bytes as MSK users commonly produce them
 * ({@link AvroOrders} has the same values as Avro records). No sink class is used here: the end-to-end JVM has
 * none on its class path.
 */
final class OrderEvents {

  /** 2026-01-01T00:00:00Z. */
  static final long T0 = 1_767_225_600_000L;

  private OrderEvents() {}

  /** Record time of event {@code i}: one every 10 ms. */
  static long timestamp(long i) {
    return T0 + i * 10;
  }

  /** Sink records {@code first .. first+count-1} of one partition (offset = i). */
  static List<SinkRecord> sinkRecords(String topic, int partition, long first, int count) {
    List<SinkRecord> out = new ArrayList<>(count);
    for (long i = first; i < first + count; i++) {
      out.add(Orders.record(topic, partition, i, timestamp(i)));
    }
    return out;
  }

  /** A JsonConverter writing the schema with every value ({@code schemas.enable=true}). */
  static JsonConverter jsonWithSchema() {
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
    return json;
  }

  /** Event {@code i} as JSON with its schema, the Kafka record value. */
  static byte[] json(JsonConverter converter, String topic, long i) {
    return converter.fromConnectData(topic, Orders.ORDER, Orders.order(i, timestamp(i)));
  }

  /** Mean size in bytes of the JSON-with-schema value, over a sample. */
  static double meanJsonBytes() {
    JsonConverter converter = jsonWithSchema();
    long total = 0;
    int sample = 10_000;
    for (int i = 0; i < sample; i++) {
      total += json(converter, "orders", i * 97L).length;
    }
    return (double) total / sample;
  }
}
