package io.streamlake.connect.cdc.oracle;

import static io.streamlake.connect.cdc.oracle.OptionMatrix.addFields;
import static io.streamlake.connect.cdc.oracle.OptionMatrix.addHeaders;
import static io.streamlake.connect.cdc.oracle.OptionMatrix.cross;
import static io.streamlake.connect.cdc.oracle.OptionMatrix.currentModes;
import static io.streamlake.connect.cdc.oracle.OptionMatrix.drops;
import static io.streamlake.connect.cdc.oracle.OptionMatrix.legacyModes;
import static io.streamlake.connect.cdc.oracle.OptionMatrix.routes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.streamlake.connect.cdc.ExtractNewRecordState;
import io.streamlake.connect.cdc.fixtures.Envelopes;
import io.streamlake.connect.cdc.fixtures.Envelopes.Case;
import io.streamlake.connect.cdc.fixtures.Schemaless;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs Debezium's own ExtractNewRecordState and ours on the same change events, for every option combination
 * of {@link OptionMatrix}, and requires equal topic, partition, key, value, both schemas, timestamp and headers.
 * Debezium 3.x is the oracle for {@code delete.tombstone.handling.mode}; Debezium 2.7 (isolated class loader)
 * for the legacy {@code drop.tombstones}/{@code delete.handling.mode}. Schemaless input, which Debezium passes
 * through untouched, is compared against Debezium's output for the schema'd twin, in plain form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractNewRecordStateOracleTest {

  private final Map<String, AtomicInteger> compared = new TreeMap<>();
  private DebeziumOracle current;
  private DebeziumOracle legacy;

  @BeforeAll
  void openOracles() {
    current = DebeziumOracle.current();
    legacy = DebeziumOracle.legacy();
  }

  @AfterAll
  void report() throws Exception {
    int total = compared.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.println("[oracle] ExtractNewRecordState compared with Debezium on " + total + " cases: " + compared);
    current.close();
    legacy.close();
  }

  @TestFactory
  Stream<DynamicTest> currentOptionsMatchDebezium3() {
    List<Map<String, String>> configs =
        cross(currentModes(true), addFields(), addHeaders(), routes(), drops(true));
    return configs.stream().map(config -> dynamicTest("Debezium " + current.version() + " " + config,
        () -> compare(current, config, Envelopes.cases(true), RecordDiff::withSchemas, false)));
  }

  @TestFactory
  Stream<DynamicTest> legacyOptionsMatchDebezium27() {
    List<Map<String, String>> configs =
        cross(legacyModes(), addFields(), addHeaders().subList(0, 2), routes(), drops(false));
    return configs.stream().map(config -> dynamicTest("Debezium " + legacy.version() + " " + config,
        () -> compare(legacy, config, Envelopes.cases(true), RecordDiff::withSchemas, false)));
  }

  @TestFactory
  Stream<DynamicTest> schemalessRowsMatchDebeziumOutputForTheSchemaTwin() {
    List<Map<String, String>> schemalessDrops = drops(true).stream()
        .filter(d -> !"true".equals(d.get("drop.fields.keep.schema.compatible"))).toList();
    List<Map<String, String>> configs =
        cross(currentModes(true), addFields(), addHeaders(), routes(), schemalessDrops);
    return configs.stream().map(config -> dynamicTest("schemaless vs Debezium " + current.version() + " " + config,
        () -> compare(current, config, Envelopes.cases(false), RecordDiff::plain, true)));
  }

  private void compare(DebeziumOracle oracle, Map<String, String> config, List<Case> cases,
      BiFunction<SinkRecord, SinkRecord, String> diff, boolean schemaless) {
    Transformation<SinkRecord> theirs = oracle.configured(config);
    ExtractNewRecordState<SinkRecord> ours = new ExtractNewRecordState<>();
    ours.configure(config);
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      SinkRecord input = c.record().get();
      SinkRecord ourInput = schemaless ? Schemaless.of(input) : input;
      SinkRecord actual = ours.apply(ourInput);
      SinkRecord expected;
      try {
        expected = theirs.apply(c.record().get());
      } catch (RuntimeException debeziumFailed) {
        String documented = KnownDifferences.whenDebeziumFails(config, c, debeziumFailed, actual);
        if (documented == null) {
          failures.add(c.name() + ": Debezium failed with " + debeziumFailed + " but ours returned " + actual);
        }
        compared.computeIfAbsent("documented differences", k -> new AtomicInteger()).incrementAndGet();
        continue;
      }
      String difference = diff.apply(expected, actual);
      if (difference != null) {
        failures.add(c.name() + ": " + difference);
      }
      String mutated = RecordDiff.withSchemas(schemaless ? Schemaless.of(c.record().get()) : c.record().get(),
          ourInput);
      if (mutated != null) {
        failures.add(c.name() + ": our SMT changed its input record: " + mutated);
      }
      compared.computeIfAbsent(oracle.version() + (schemaless ? " schemaless" : ""), k -> new AtomicInteger())
          .incrementAndGet();
    }
    theirs.close();
    ours.close();
    assertThat(failures).as("differences from Debezium %s with %s", oracle.version(), config).isEmpty();
  }
}
