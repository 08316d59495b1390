package io.streamlake.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** The sample events are what the worker's JsonConverter (schemas.enable=true) turns into Structs. */
class OrderEventsTest {

  @Test
  void testEventsConvertToStructsWithATimestamp() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), false);
    OrderEvents events = new OrderEvents(new Random(7));
    SchemaAndValue converted = converter.toConnectData("order-events", events.value(42, 1_764_072_000_000L));
    Struct order = (Struct) converted.value();
    assertThat(order.getString("order_id")).isEqualTo("o-42");
    assertThat(converted.schema().field("timestamp").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(order.get("timestamp")).isEqualTo(new Date(1_764_072_000_000L));
    assertThat(order.getFloat64("amount")).isBetween(5.0, 500.0);
    assertThat(new String(events.key(42), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("o-42");
  }
}
