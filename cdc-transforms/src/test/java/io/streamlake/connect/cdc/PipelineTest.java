package io.streamlake.connect.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.cdc.fixtures.Envelopes;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The two transforms chained as a sink connector runs them, on records as converters deliver them. */
class PipelineTest {

  private static final Map<String, String> UNWRAP = Map.of("drop.tombstones", "false",
      "delete.handling.mode", "rewrite", "add.fields", "op,source.ts_ms,lsn", "deleted.field.type", "boolean");

  private static SinkRecord pipeline(SinkRecord in) {
    ExtractNewRecordState<SinkRecord> unwrap = new ExtractNewRecordState<>();
    unwrap.configure(UNWRAP);
    ConvertDebeziumTypes<SinkRecord> types = new ConvertDebeziumTypes<>();
    types.configure(Map.of());
    SinkRecord unwrapped = unwrap.apply(in);
    return unwrapped == null ? null : types.apply(unwrapped);
  }

  @Test
  void schemaRecordsComeOutAsFlatRowsWithConnectLogicalTypes() {
    SinkRecord out = pipeline(Envelopes.change("u", null, Envelopes.row(3, "Cy", "c@x", "vip", null), true, null));

    Struct row = (Struct) out.value();
    assertThat(out.valueSchema().field("updated").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(row.get("updated")).isEqualTo(Date.from(Instant.ofEpochMilli(1_732_000_000_123L)));
    assertThat(row.getBoolean("__deleted")).isFalse();
    assertThat(row.getString("__op")).isEqualTo("u");
    assertThat(row.getInt64("__lsn")).isEqualTo(24_023_128L);
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "true"), false);
    byte[] bytes = json.fromConnectData(out.topic(), out.valueSchema(), out.value());
    assertThat(new String(bytes)).contains("\"name\":\"org.apache.kafka.connect.data.Timestamp\"");
  }

  @Test
  void jsonWithoutSchemasIsUnwrappedFromWhatJsonConverterDelivers() {
    SinkRecord schemaRecord = Envelopes.change("d", Envelopes.row(5, "Ed", "e@x", "vip", null), null, true, null);
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), false);
    byte[] bytes = json.fromConnectData(schemaRecord.topic(), schemaRecord.valueSchema(), schemaRecord.value());
    SchemaAndValue decoded = json.toConnectData(schemaRecord.topic(), bytes);
    SinkRecord in = new SinkRecord(schemaRecord.topic(), 0, null, Map.of("id", 5), decoded.schema(),
        decoded.value(), 10L);

    SinkRecord out = pipeline(in);

    Map<?, ?> row = (Map<?, ?>) out.value();
    assertThat(row.get("email")).isEqualTo("e@x");
    assertThat(row.get("__deleted")).isEqualTo(true);
    assertThat(row.get("__op")).isEqualTo("d");
    assertThat(row.get("__source_ts_ms")).isEqualTo(Envelopes.TS_MS - 5);
    assertThat(row.containsKey("before") || row.containsKey("after") || row.containsKey("source")).isFalse();
  }

  @Test
  void tombstonesSurviveTheLegacyConfigForCompaction() {
    SinkRecord tombstone = Envelopes.record(Envelopes.KEY_SCHEMA, Envelopes.key(5, null), null, null, List.of());
    SinkRecord out = pipeline(tombstone);
    assertThat(out).isNotNull();
    assertThat(out.value()).isNull();
    assertThat(out.key()).isEqualTo(tombstone.key());
  }
}
