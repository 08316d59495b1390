package io.streamlake.connect.cdc.oracle;

import static io.streamlake.connect.cdc.fixtures.Envelopes.change;
import static io.streamlake.connect.cdc.fixtures.Envelopes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.cdc.ExtractNewRecordState;
import io.streamlake.connect.cdc.fixtures.Envelopes;
import io.streamlake.connect.cdc.fixtures.Schemaless;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pins the oracles themselves (which Debezium runs where) and every deliberate difference from Debezium that the
 * README lists, each against the real Debezium output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedDifferencesTest {

  private static final Map<String, String> WHY_CONFIG =
      Map.of("drop.tombstones", "false", "delete.handling.mode", "rewrite");

  private DebeziumOracle current;
  private DebeziumOracle legacy;

  @BeforeAll
  void open() {
    current = DebeziumOracle.current();
    legacy = DebeziumOracle.legacy();
  }

  @AfterAll
  void close() throws Exception {
    current.close();
    legacy.close();
  }

  private static SinkRecord ours(Map<String, String> config, SinkRecord in) {
    ExtractNewRecordState<SinkRecord> smt = new ExtractNewRecordState<>();
    smt.configure(config);
    return smt.apply(in);
  }

  private static SinkRecord theirs(DebeziumOracle oracle, Map<String, String> config, SinkRecord in) {
    Transformation<SinkRecord> smt = oracle.configured(config);
    return smt.apply(in);
  }

  private static SinkRecord delete() {
    return change("d", row(5, "Ed", "ed@example.com", null, null), null, true, null);
  }

  @Test
  void oraclesAreTheConfiguredDebeziumReleases() {
    assertThat(current.version()).isEqualTo(System.getProperty("debezium.version", "3.4.3.Final"));
    assertThat(legacy.version()).isEqualTo(System.getProperty("debezium.legacy.version", "2.7.4.Final"));
    assertThat(legacy.optionNames()).contains("drop.tombstones", "delete.handling.mode");
    assertThat(current.optionNames()).doesNotContain("drop.tombstones", "delete.handling.mode")
        .contains("delete.tombstone.handling.mode");
  }

  @Test
  void legacyRewriteConfigIsIgnoredByDebezium3ButHonouredByUsLikeDebezium27() {
    Supplier<SinkRecord> in = DocumentedDifferencesTest::delete;
    SinkRecord ours = ours(WHY_CONFIG, in.get());
    assertThat(RecordDiff.withSchemas(theirs(legacy, WHY_CONFIG, in.get()), ours)).isNull();
    SinkRecord debezium3 = theirs(current, WHY_CONFIG, in.get());
    assertThat(debezium3.value()).as("Debezium 3 falls back to its tombstone default").isNull();
    assertThat(((Struct) ours.value()).getString("__deleted")).isEqualTo("true");
  }

  @Test
  void withNothingSetWeFollowDebezium3NotDebezium27() {
    assertThat(RecordDiff.withSchemas(theirs(current, Map.of(), delete()), ours(Map.of(), delete()))).isNull();
    assertThat(theirs(legacy, Map.of(), delete())).as("Debezium 2.7 drops deletes by default").isNull();
  }

  @Test
  void replaceNullWithDefaultFalseKeepsNullsWhereDebeziumOnKafka37CannotHonourIt() {
    Map<String, String> config = Map.of("delete.tombstone.handling.mode", "rewrite", "replace.null.with.default",
        "false");
    Struct debezium = (Struct) theirs(current, config, delete()).value();
    Struct ours = (Struct) ours(config, delete()).value();
    assertThat(debezium.getWithoutDefault("status")).as("Kafka 3.7's InsertField has no such option")
        .isEqualTo("active");
    assertThat(ours.getWithoutDefault("status")).isNull();
  }

  @Test
  void schemalessEnvelopesAreUnwrappedWhereDebeziumPassesThemThrough() {
    SinkRecord in = Schemaless.of(Envelopes.change("c", null, row(1, "Ann", null, "vip", null), true, null));
    assertThat(theirs(current, Map.of(), in)).isSameAs(in);
    assertThat(((Map<?, ?>) ours(Map.of(), Schemaless.of(Envelopes.change("c", null, row(1, "Ann", null, "vip",
        null), true, null))).value()).get("name")).isEqualTo("Ann");
  }

  @Test
  void ourInputRecordKeepsItsHeadersWhereDebeziumAddsToThem() {
    Map<String, String> config = Map.of("add.headers", "op");
    SinkRecord theirIn = Envelopes.change("c", null, row(1, "Ann", null, "vip", null), true, null);
    SinkRecord ourIn = Envelopes.change("c", null, row(1, "Ann", null, "vip", null), true, null);
    theirs(current, config, theirIn);
    ours(config, ourIn);
    assertThat(theirIn.headers().lastWithName("__op")).isNotNull();
    assertThat(ourIn.headers().lastWithName("__op")).isNull();
  }

  @Test
  void wholeStructInAddFieldsBreaksDebeziumButIsCopiedByUs() {
    Map<String, String> config = Map.of("add.fields", "transaction:tx");
    SinkRecord in = Envelopes.change("c", null, row(1, "Ann", null, "vip", null), true, null);
    assertThatThrownBy(() -> theirs(current, config, in)).isInstanceOf(DataException.class);
    Struct ours = (Struct) ours(config, Envelopes.change("c", null, row(1, "Ann", null, "vip", null), true, null))
        .value();
    assertThat(ours.getStruct("__tx").getInt64("total_order")).isEqualTo(3L);
  }
}
