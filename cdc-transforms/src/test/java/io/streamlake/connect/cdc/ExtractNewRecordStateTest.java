package io.streamlake.connect.cdc;

import static io.streamlake.connect.cdc.fixtures.Envelopes.ENVELOPE_SCHEMA;
import static io.streamlake.connect.cdc.fixtures.Envelopes.KEY_SCHEMA;
import static io.streamlake.connect.cdc.fixtures.Envelopes.change;
import static io.streamlake.connect.cdc.fixtures.Envelopes.key;
import static io.streamlake.connect.cdc.fixtures.Envelopes.record;
import static io.streamlake.connect.cdc.fixtures.Envelopes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.cdc.fixtures.Envelopes;
import io.streamlake.connect.cdc.fixtures.Schemaless;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class ExtractNewRecordStateTest {

  private static ExtractNewRecordState<SinkRecord> smt(String... keyValues) {
    Map<String, String> config = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put(keyValues[i], keyValues[i + 1]);
    }
    ExtractNewRecordState<SinkRecord> smt = new ExtractNewRecordState<>();
    smt.configure(config);
    return smt;
  }

  private static SinkRecord create() {
    return change("c", null, row(1, "Ann", "ann@example.com", "vip", null), true, null);
  }

  private static SinkRecord delete() {
    return change("d", row(5, "Ed", "ed@example.com", "vip", null), null, true, null);
  }

  private static SinkRecord tombstone() {
    return record(KEY_SCHEMA, key(5, "t1"), null, null, null);
  }

  @Test
  void createBecomesItsAfterRowWithKeyTopicAndTimestampKept() {
    SinkRecord in = create();
    SinkRecord out = smt().apply(in);
    assertThat(out.topic()).isEqualTo(Envelopes.TOPIC);
    assertThat(out.key()).isEqualTo(in.key());
    assertThat(out.timestamp()).isEqualTo(in.timestamp());
    assertThat(((Struct) out.value()).getString("email")).isEqualTo("ann@example.com");
    assertThat(out.valueSchema().name()).isEqualTo(Envelopes.TOPIC + ".Value");
  }

  @Test
  void withNothingSetDeletesBecomeNullValuesAndTombstonesAreDropped() {
    SinkRecord out = smt().apply(delete());
    assertThat(out.value()).isNull();
    assertThat(out.valueSchema()).isEqualTo(Envelopes.ROW_SCHEMA);
    assertThat(smt().apply(tombstone())).isNull();
  }

  @Test
  void legacyRewriteConfigFromDebeziumUsersKeepsWorking() {
    ExtractNewRecordState<SinkRecord> smt = smt("drop.tombstones", "false", "delete.handling.mode", "rewrite");
    Struct deleted = (Struct) smt.apply(delete()).value();
    assertThat(deleted.getString("__deleted")).isEqualTo("true");
    assertThat(deleted.getString("email")).isEqualTo("ed@example.com");
    assertThat(((Struct) smt.apply(create()).value()).getString("__deleted")).isEqualTo("false");
    assertThat(smt.apply(tombstone())).isNotNull();
  }

  @Test
  void legacyDropTombstonesAloneUsesTheLegacyDeleteDefaultDrop() {
    ExtractNewRecordState<SinkRecord> smt = smt("drop.tombstones", "false");
    assertThat(smt.apply(delete())).isNull();
    assertThat(smt.apply(tombstone())).isNotNull();
  }

  @Test
  void currentModeWinsOverLegacyOptions() {
    ExtractNewRecordState<SinkRecord> smt = smt("delete.tombstone.handling.mode", "drop",
        "drop.tombstones", "false", "delete.handling.mode", "rewrite");
    assertThat(smt.apply(delete())).isNull();
    assertThat(smt.apply(tombstone())).isNull();
  }

  @Test
  void blankCurrentModeCountsAsUnset() {
    ExtractNewRecordState<SinkRecord> smt = smt("delete.tombstone.handling.mode", " ", "delete.handling.mode", "none");
    assertThat(smt.apply(delete()).value()).isNull();
  }

  @Test
  void deleteToTombstoneEmitsNullValueAndNullSchema() {
    SinkRecord out = smt("delete.tombstone.handling.mode", "delete-to-tombstone").apply(delete());
    assertThat(out.value()).isNull();
    assertThat(out.valueSchema()).isNull();
    assertThat(out.key()).isEqualTo(key(5, "t1"));
  }

  @Test
  void rewriteWithTombstoneKeepsTombstonesAndAddsOpHeaderD() {
    SinkRecord out = smt("delete.tombstone.handling.mode", "rewrite-with-tombstone", "add.headers", "op,source.ts_ms")
        .apply(tombstone());
    assertThat(out.value()).isNull();
    assertThat(out.headers().lastWithName("__op").value()).isEqualTo("d");
    assertThat(out.headers().lastWithName("__source_ts_ms")).isNull();
  }

  @Test
  void truncateEventsAreDropped() {
    assertThat(smt("delete.tombstone.handling.mode", "rewrite-with-tombstone")
        .apply(change("t", null, null, false, null))).isNull();
  }

  @Test
  void booleanDeletedFieldIsAnOptionalBoolean() {
    ExtractNewRecordState<SinkRecord> smt = smt("delete.tombstone.handling.mode", "rewrite",
        "deleted.field.type", "boolean");
    SinkRecord out = smt.apply(delete());
    assertThat(out.valueSchema().field("__deleted").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
    assertThat(((Struct) out.value()).getBoolean("__deleted")).isTrue();
    assertThat(((Struct) smt.apply(create()).value()).getBoolean("__deleted")).isFalse();
    Map<?, ?> schemaless = (Map<?, ?>) smt.apply(Schemaless.of(delete())).value();
    assertThat(schemaless.get("__deleted")).isEqualTo(Boolean.TRUE);
  }

  @Test
  void rewriteReplacesNullWithDefaultUnlessTurnedOff() {
    SinkRecord withNull = change("c", null, row(6, null, null, null, null), true, null);
    Struct replaced = (Struct) smt("delete.tombstone.handling.mode", "rewrite").apply(withNull).value();
    Struct kept = (Struct) smt("delete.tombstone.handling.mode", "rewrite", "replace.null.with.default", "false")
        .apply(change("c", null, row(6, null, null, null, null), true, null)).value();
    assertThat(replaced.getWithoutDefault("status")).isEqualTo("active");
    assertThat(kept.getWithoutDefault("status")).isNull();
  }

  @Test
  void addFieldsReadsTopLevelSourceAndTransactionValues() {
    Struct out = (Struct) smt("add.fields", "op,ts_ms,source.ts_ms,lsn,transaction.id,total_order:tx_order")
        .apply(create()).value();
    assertThat(out.getString("__op")).isEqualTo("c");
    assertThat(out.getInt64("__ts_ms")).isEqualTo(Envelopes.TS_MS);
    assertThat(out.getInt64("__source_ts_ms")).isEqualTo(Envelopes.TS_MS - 5);
    assertThat(out.getInt64("__lsn")).isEqualTo(24_023_128L);
    assertThat(out.getString("__transaction_id")).isEqualTo("771:24023128");
    assertThat(out.getInt64("__tx_order")).isEqualTo(3L);
    assertThat(out.schema().field("__op").schema().isOptional()).isTrue();
  }

  @Test
  void addFieldsPrefixAppliesToGeneratedAndRenamedNames() {
    Struct out = (Struct) smt("add.fields", "op,source.db:database", "add.fields.prefix", "cdc_")
        .apply(create()).value();
    assertThat(out.getString("cdc_op")).isEqualTo("c");
    assertThat(out.getString("cdc_database")).isEqualTo("shop");
  }

  @Test
  void missingTransactionBlockLeavesItsFieldsOut() {
    Schema envelope = SchemaBuilder.struct().name("x.Envelope").field("before", Envelopes.ROW_SCHEMA)
        .field("after", Envelopes.ROW_SCHEMA).field("op", Schema.STRING_SCHEMA).build();
    SinkRecord in = record(null, null, envelope,
        new Struct(envelope).put("after", row(1, "a", null, "vip", null)).put("op", "c"), null);
    Struct out = (Struct) smt("add.fields", "op,transaction.id", "add.headers", "transaction.id").apply(in).value();
    assertThat(out.schema().field("__transaction_id")).isNull();
    assertThat(out.getString("__op")).isEqualTo("c");
  }

  @Test
  void addHeadersGoToTheOutputButNotTheInputRecord() {
    SinkRecord in = create();
    SinkRecord out = smt("add.headers", "op,source.db", "add.headers.prefix", "h_").apply(in);
    assertThat(out.headers().lastWithName("h_op").value()).isEqualTo("c");
    assertThat(out.headers().lastWithName("h_source_db").value()).isEqualTo("shop");
    assertThat(out.headers().lastWithName("trace").value()).isEqualTo("abc");
    assertThat(in.headers()).extracting(Header::key).containsExactly("trace");
  }

  @Test
  void routeByFieldReadsAfterForUpsertsAndBeforeForDeletes() {
    ExtractNewRecordState<SinkRecord> smt = smt("route.by.field", "route", "delete.tombstone.handling.mode",
        "rewrite");
    assertThat(smt.apply(change("c", null, row(1, "a", null, "x", "topic.a"), true, null)).topic())
        .isEqualTo("topic.a");
    assertThat(smt.apply(change("d", row(1, "a", null, "x", "topic.d"), null, true, null)).topic())
        .isEqualTo("topic.d");
    assertThat(smt.apply(change("c", null, row(1, "a", null, "x", " "), true, null)).topic())
        .isEqualTo(Envelopes.TOPIC);
  }

  @Test
  void routeByFieldThatIsNotAStringIsADataException() {
    assertThatThrownBy(() -> smt("route.by.field", "id").apply(create()))
        .isInstanceOf(DataException.class).hasMessageContaining("route.by.field 'id'")
        .hasMessageContaining("offset 1234");
  }

  @Test
  void dropFieldsHeaderRemovesOnlyOptionalFieldsByDefault() {
    SinkRecord in = change("c", null, row(1, "Ann", "a@x", "vip", null), true, List.of("email", "id", "tenant"));
    SinkRecord out = smt("drop.fields.header.name", Envelopes.DROP_HEADER, "drop.fields.from.key", "true")
        .apply(in);
    assertThat(out.valueSchema().field("email")).isNull();
    assertThat(out.valueSchema().field("id")).isNotNull();
    assertThat(out.keySchema().field("tenant")).isNull();
    assertThat(out.keySchema().field("id")).isNotNull();
  }

  @Test
  void dropFieldsWithoutSchemaCompatibilityRemovesRequiredFieldsToo() {
    SinkRecord in = change("c", null, row(1, "Ann", "a@x", "vip", null), true, List.of("email", "id"));
    SinkRecord out = smt("drop.fields.header.name", Envelopes.DROP_HEADER,
        "drop.fields.keep.schema.compatible", "false").apply(in);
    assertThat(out.valueSchema().field("id")).isNull();
    assertThat(out.keySchema().field("id")).isNotNull();
  }

  @Test
  void dropFieldsHeaderThatIsNotAListIsADataException() {
    SinkRecord in = create();
    in.headers().addString(Envelopes.DROP_HEADER, "email");
    assertThatThrownBy(() -> smt("drop.fields.header.name", Envelopes.DROP_HEADER).apply(in))
        .isInstanceOf(DataException.class).hasMessageContaining(Envelopes.DROP_HEADER);
  }

  @Test
  void nonEnvelopesPassThroughAsTheSameRecord() {
    for (Envelopes.Case c : Envelopes.nonEnvelopes()) {
      SinkRecord in = c.record().get();
      assertThat(smt("add.headers", "op", "add.fields", "op").apply(in)).as(c.name()).isSameAs(in);
    }
    SinkRecord plainMap = record(null, null, null, Map.of("id", 1, "after", "x"), null);
    assertThat(smt().apply(plainMap)).isSameAs(plainMap);
  }

  @Test
  void schemaEnvelopeWithoutOpIsADataExceptionNamingTheRecord() {
    Schema envelope = SchemaBuilder.struct().name("x.Envelope").field("before", Envelopes.ROW_SCHEMA)
        .field("after", Envelopes.ROW_SCHEMA).field("op", Schema.OPTIONAL_STRING_SCHEMA).build();
    SinkRecord in = record(null, null, envelope, new Struct(envelope).put("after", row(1, "a", null, "v", null)),
        null);
    assertThatThrownBy(() -> smt().apply(in)).isInstanceOf(DataException.class)
        .hasMessageContaining("topic '" + Envelopes.TOPIC + "' partition 2 offset 1234")
        .hasMessageContaining("'op'");
  }

  @Test
  void schemaEnvelopeWithoutOpFieldIsADataException() {
    Schema envelope = SchemaBuilder.struct().name("x.Envelope").field("before", Envelopes.ROW_SCHEMA)
        .field("after", Envelopes.ROW_SCHEMA).build();
    SinkRecord in = record(null, null, envelope, new Struct(envelope), null);
    assertThatThrownBy(() -> smt().apply(in)).isInstanceOf(DataException.class).hasMessageContaining("no 'op' field");
  }

  @Test
  void schemalessEnvelopeWithoutOpIsADataException() {
    Map<String, Object> envelope = new HashMap<>();
    envelope.put("before", null);
    envelope.put("after", Map.of("id", 1));
    envelope.put("source", Map.of("db", "shop"));
    SinkRecord in = record(null, null, null, envelope, null);
    assertThatThrownBy(() -> smt().apply(in)).isInstanceOf(DataException.class)
        .hasMessageContaining("offset 1234").hasMessageContaining("'op'");
  }

  @Test
  void schemalessEnvelopesAreUnwrapped() {
    SinkRecord out = smt("delete.tombstone.handling.mode", "rewrite", "add.fields", "op,source.ts_ms",
        "add.headers", "db").apply(Schemaless.of(delete()));
    Map<?, ?> value = (Map<?, ?>) out.value();
    assertThat(out.valueSchema()).isNull();
    assertThat(value.get("email")).isEqualTo("ed@example.com");
    assertThat(value.get("__deleted")).isEqualTo("true");
    assertThat(value.get("__op")).isEqualTo("d");
    assertThat(value.get("__source_ts_ms")).isEqualTo(Envelopes.TS_MS - 5);
    assertThat(out.headers().lastWithName("__db").value()).isEqualTo("shop");
  }

  @Test
  void sourceRecordsAreUnwrappedToo() {
    SinkRecord sink = create();
    SourceRecord in = new SourceRecord(Map.of("server", "db"), Map.of("lsn", 1L), sink.topic(), 0,
        sink.keySchema(), sink.key(), sink.valueSchema(), sink.value());
    ExtractNewRecordState<SourceRecord> smt = new ExtractNewRecordState<>();
    smt.configure(Map.of());
    SourceRecord out = smt.apply(in);
    assertThat(((Struct) out.value()).getInt32("id")).isEqualTo(1);
    assertThat(out.sourceOffset()).isEqualTo(Map.of("lsn", 1L));
  }

  @Test
  void derivedSchemasAreReusedAcrossRecords() {
    ExtractNewRecordState<SinkRecord> smt = smt("add.fields", "op", "delete.tombstone.handling.mode", "rewrite");
    Schema first = smt.apply(create()).valueSchema();
    Schema second = smt.apply(change("u", null, row(2, "b", null, "v", null), true, null)).valueSchema();
    assertThat(second).isSameAs(first);
  }

  @Test
  void unknownDeleteTombstoneModeNamesOptionAndAllowedValues() {
    assertThatThrownBy(() -> smt("delete.tombstone.handling.mode", "soft"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delete.tombstone.handling.mode").hasMessageContaining("soft")
        .hasMessageContaining("drop, tombstone, rewrite, rewrite-with-tombstone, delete-to-tombstone");
  }

  @Test
  void unknownLegacyDeleteModeNamesOptionAndAllowedValues() {
    assertThatThrownBy(() -> smt("delete.handling.mode", "tombstone"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delete.handling.mode").hasMessageContaining("drop, none, rewrite");
  }

  @Test
  void modesAreParsedLeniently() {
    assertThat(smt("delete.tombstone.handling.mode", " Rewrite_With_Tombstone ").apply(tombstone())).isNotNull();
  }

  @Test
  void dropTombstonesMustBeABoolean() {
    assertThatThrownBy(() -> smt("drop.tombstones", "maybe"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("drop.tombstones");
  }

  @Test
  void unknownDeletedFieldTypeNamesOptionAndAllowedValues() {
    assertThatThrownBy(() -> smt("deleted.field.type", "int"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("deleted.field.type").hasMessageContaining("string, boolean");
  }

  @Test
  void malformedAddFieldsEntryNamesTheOption() {
    assertThatThrownBy(() -> smt("add.fields", "op,a:b:c"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("add.fields").hasMessageContaining("a:b:c");
    assertThatThrownBy(() -> smt("add.headers", "source.a.b"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("add.headers");
  }

  @Test
  void addFieldsProducingTheSameNameTwiceIsRejectedNamingBothOptions() {
    assertThatThrownBy(() -> smt("add.fields", "op,source.db:op"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("add.fields with add.fields.prefix").hasMessageContaining("__op");
  }

  @Test
  void envelopeWhoseRowsAreNotStructsIsADataException() {
    Schema envelope = SchemaBuilder.struct().name("mongo.Envelope").field("before", Schema.OPTIONAL_STRING_SCHEMA)
        .field("after", Schema.OPTIONAL_STRING_SCHEMA).field("op", Schema.STRING_SCHEMA).build();
    SinkRecord in = record(null, null, envelope, new Struct(envelope).put("after", "{}").put("op", "c"), null);
    assertThatThrownBy(() -> smt().apply(in)).isInstanceOf(DataException.class)
        .hasMessageContaining("'before' of type STRING");
  }

  @Test
  void addFieldsCanCopyTheWholeSourceBlock() {
    Struct out = (Struct) smt("add.fields", "source:src").apply(create()).value();
    assertThat(out.getStruct("__src").getString("db")).isEqualTo("shop");
    Struct whole = (Struct) smt("add.fields", "transaction:tx").apply(create()).value();
    assertThat(whole.getStruct("__tx").getString("id")).isEqualTo("771:24023128");
    assertThat(whole.schema().field("__tx").schema().isOptional()).isTrue();
  }
}
