package io.streamlake.connect.s3.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.config.TimeUnitChoice;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TimestampExtractorsTest {

  private static final long T = Instant.parse("2026-12-31T23:59:59.123Z").toEpochMilli();

  private static SinkRecord withValue(Schema schema, Object value) {
    return new SinkRecord("orders", 1, null, null, schema, value, 99L, 5L,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME);
  }

  private static long field(Schema fieldSchema, Object value) {
    Schema schema = SchemaBuilder.struct().field("ts", fieldSchema).build();
    return new RecordFieldTimestampExtractor("ts", TimeUnitChoice.MILLISECONDS)
        .extract(withValue(schema, new Struct(schema).put("ts", value)));
  }

  @Test
  void epochMillis() {
    assertThat(field(Schema.INT64_SCHEMA, T)).isEqualTo(T);
  }

  @Test
  void connectTimestamp() {
    assertThat(field(Timestamp.SCHEMA, new Date(T))).isEqualTo(T);
  }

  @Test
  void debeziumMicroAndNanoTimestamps() {
    Schema micro = SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build();
    Schema nano = SchemaBuilder.int64().name("io.debezium.time.NanoTimestamp").build();
    assertThat(field(micro, T * 1000 + 999)).isEqualTo(T);
    assertThat(field(nano, T * 1_000_000 + 999_999)).isEqualTo(T);
    assertThat(field(micro, -1L)).isEqualTo(-1L); // floor, not truncation toward zero
  }

  @Test
  void debeziumZonedTimestampAndIsoStrings() {
    Schema zoned = SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build();
    assertThat(field(zoned, "2027-01-01T00:59:59.123+01:00")).isEqualTo(T);
    assertThat(field(Schema.STRING_SCHEMA, "2026-12-31T23:59:59.123Z")).isEqualTo(T);
    assertThat(field(Schema.STRING_SCHEMA, "2026-12-31T23:59:59.123")).isEqualTo(T);
  }

  @Test
  void schemalessNestedPathWithUnit() {
    SinkRecord record = withValue(null, Map.of("meta", Map.of("ts", T / 1000)));
    assertThat(new RecordFieldTimestampExtractor("meta.ts", TimeUnitChoice.SECONDS).extract(record))
        .isEqualTo(T / 1000 * 1000);
  }

  @Test
  void missingFieldNamesFieldAndRecord() {
    SinkRecord record = withValue(null, Map.of("other", 1));
    assertThatThrownBy(() -> new RecordFieldTimestampExtractor("ts", TimeUnitChoice.MILLISECONDS).extract(record))
        .isInstanceOf(DataException.class).hasMessageContaining("'ts'").hasMessageContaining("timestamp.field")
        .hasMessageContaining("orders-1@99");
  }

  @Test
  void unparseableValueNamesFieldAndRecord() {
    SinkRecord record = withValue(null, Map.of("ts", "yesterday"));
    assertThatThrownBy(() -> new RecordFieldTimestampExtractor("ts", TimeUnitChoice.MILLISECONDS).extract(record))
        .isInstanceOf(DataException.class).hasMessageContaining("orders-1@99");
  }

  @Test
  void recordTimestamp() {
    assertThat(new RecordTimestampExtractor().extract(withValue(null, null))).isEqualTo(5L);
    SinkRecord none = new SinkRecord("orders", 1, null, null, null, null, 7L);
    assertThatThrownBy(() -> new RecordTimestampExtractor().extract(none)).hasMessageContaining("orders-1@7");
  }

  @Test
  void header() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("event-time", "2026-12-31T23:59:59.123Z");
    SinkRecord record = new SinkRecord("orders", 1, null, null, null, null, 7L, null, null, headers);
    assertThat(new HeaderTimestampExtractor("event-time").extract(record)).isEqualTo(T);
    assertThatThrownBy(() -> new HeaderTimestampExtractor("missing").extract(record))
        .hasMessageContaining("'missing'");
  }
}
