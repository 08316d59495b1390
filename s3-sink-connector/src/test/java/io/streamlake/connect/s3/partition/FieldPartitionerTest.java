package io.streamlake.connect.s3.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.testing.Orders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FieldPartitionerTest {

  private static SinkRecord schemaless(Object value) {
    return new SinkRecord("t", 3, null, null, null, value, 42L);
  }

  @Test
  void nestedFieldsOfStructsBecomeSegments() {
    FieldPartitioner partitioner = new FieldPartitioner(List.of("customer", "address.city"));
    SinkRecord record = Orders.record("orders", 0, 12, 0L);
    assertThat(partitioner.encode(record, 0L)).isEqualTo("customer=customer-5/city=city-2");
  }

  @Test
  void nestedFieldsOfMaps() {
    Map<String, Object> inner = Map.of("region", "eu");
    FieldPartitioner partitioner = new FieldPartitioner(List.of("meta.region", "n"));
    assertThat(partitioner.encode(schemaless(Map.of("meta", inner, "n", 7)), 0L)).isEqualTo("region=eu/n=7");
  }

  @Test
  void valuesCannotEscapeTheirPrefix() {
    FieldPartitioner partitioner = new FieldPartitioner(List.of("v"));
    assertThat(partitioner.encode(schemaless(Map.of("v", "../../etc/passwd")), 0L))
        .isEqualTo("v=..%2F..%2Fetc%2Fpasswd");
    assertThat(partitioner.encode(schemaless(Map.of("v", "..")), 0L)).isEqualTo("v=%2E%2E");
    assertThat(partitioner.encode(schemaless(Map.of("v", "a\nb\u0000c")), 0L)).isEqualTo("v=a%0Ab%00c");
    assertThat(partitioner.encode(schemaless(Map.of("v", "Zürich 1")), 0L)).isEqualTo("v=Z%C3%BCrich%201");
    assertThat(partitioner.encode(schemaless(Map.of("v", "")), 0L)).isEqualTo("v=__empty__");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("v", null);
    assertThat(partitioner.encode(schemaless(withNull), 0L)).isEqualTo("v=__HIVE_DEFAULT_PARTITION__");
  }

  @Test
  void missingFieldNamesFieldAndRecord() {
    FieldPartitioner partitioner = new FieldPartitioner(List.of("region"));
    assertThatThrownBy(() -> partitioner.encode(schemaless(Map.of("x", 1)), 0L)).isInstanceOf(DataException.class)
        .hasMessageContaining("'region'").hasMessageContaining("t-3@42");
  }

  @Test
  void structValuesCannotNameAPath() {
    FieldPartitioner partitioner = new FieldPartitioner(List.of("address"));
    assertThatThrownBy(() -> partitioner.encode(Orders.record("orders", 0, 1, 0L), 0L))
        .isInstanceOf(DataException.class).hasMessageContaining("Struct");
  }

  @Test
  void defaultPartitionerUsesTheKafkaPartition() {
    assertThat(new KafkaPartitionPartitioner().encode(schemaless(Map.of()), 0L)).isEqualTo("partition=3");
  }
}
