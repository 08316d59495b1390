package io.streamlake.connect.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;

/**
 * Kafka's JsonConverter (3.7.2 on the worker's Jackson 2.16.2) and ours, side by side on the same inputs, under
 * every combination of {@code schemas.enable}, {@code decimal.format} and {@code replace.null.with.default}: equal
 * bytes from {@code fromConnectData}, equal schemas and values from {@code toConnectData}, equal exception
 * classes. Each test prints how many cases it compared.
 */
class JsonConverterDifferentialTest {

  private static final String TOPIC = "t";

  private static List<Map<String, Object>> configs() {
    List<Map<String, Object>> configs = new ArrayList<>();
    for (boolean schemas : new boolean[] {true, false}) {
      for (String decimals : new String[] {"BASE64", "numeric"}) {
        for (boolean replaceNull : new boolean[] {true, false}) {
          Map<String, Object> config = new HashMap<>();
          config.put("schemas.enable", schemas);
          config.put("decimal.format", decimals);
          config.put("replace.null.with.default", replaceNull);
          configs.add(config);
        }
      }
    }
    return configs;
  }

  private static FastJsonConverter ours(Map<String, Object> config, boolean isKey) {
    FastJsonConverter converter = new FastJsonConverter();
    converter.configure(config, isKey);
    return converter;
  }

  @Test
  void fromConnectDataWritesTheSameBytesForGeneratedValues() {
    Comparison comparison = new Comparison("fromConnectData, generated values");
    for (Map<String, Object> config : configs()) {
      Converter oracle = WorkerJsonConverter.converter(config, false);
      Converter ours = ours(config, false);
      for (ConnectCorpus.Case c : new ConnectCorpus(19).cases(1500)) {
        comparison.check(config + " " + c.schema() + " " + Outcome.canonical(c.value()),
            Outcome.ofBytes(() -> oracle.fromConnectData(TOPIC, c.schema(), c.value())),
            Outcome.ofBytes(() -> ours.fromConnectData(TOPIC, c.schema(), c.value())));
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void fromConnectDataWritesTheSameBytesWithSmallSchemaCaches() {
    Comparison comparison = new Comparison("fromConnectData, schemas.cache.size 0, 1 and 3");
    for (String cacheSize : new String[] {"0", "1", "3"}) {
      Map<String, Object> config = new HashMap<>(configs().get(0));
      config.put("schemas.cache.size", cacheSize);
      Converter oracle = WorkerJsonConverter.converter(config, false);
      Converter ours = ours(config, false);
      List<ConnectCorpus.Case> cases = new ConnectCorpus(31).cases(200);
      for (int round = 0; round < 3; round++) {
        for (ConnectCorpus.Case c : cases) {
          comparison.check(config + " " + c.schema(),
              Outcome.ofBytes(() -> oracle.fromConnectData(TOPIC, c.schema(), c.value())),
              Outcome.ofBytes(() -> ours.fromConnectData(TOPIC, c.schema(), c.value())));
        }
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void equalSchemasWithParametersInAnotherOrderAreWrittenAsJsonConverterWritesThem() {
    // Schema.equals ignores parameter order; JsonConverter's schema cache then writes the first one's order.
    org.apache.kafka.connect.data.Schema ab = org.apache.kafka.connect.data.SchemaBuilder.string()
        .parameter("a", "1").parameter("b", "2").build();
    org.apache.kafka.connect.data.Schema ba = org.apache.kafka.connect.data.SchemaBuilder.string()
        .parameter("b", "2").parameter("a", "1").build();
    Comparison comparison = new Comparison("fromConnectData, equal schemas with parameters in another order");
    for (Map<String, Object> config : configs()) {
      Converter oracle = WorkerJsonConverter.converter(config, false);
      Converter ours = ours(config, false);
      for (org.apache.kafka.connect.data.Schema schema : List.of(ab, ba, ab, ba)) {
        comparison.check(config + " " + schema.parameters(),
            Outcome.ofBytes(() -> oracle.fromConnectData(TOPIC, schema, "v")),
            Outcome.ofBytes(() -> ours.fromConnectData(TOPIC, schema, "v")));
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void toConnectDataReadsTheSameSchemasAndValuesWithSmallSchemaCaches() {
    Comparison comparison = new Comparison("toConnectData, schemas.cache.size 0, 1 and 3");
    for (String cacheSize : new String[] {"0", "1", "3"}) {
      Map<String, Object> config = new HashMap<>(configs().get(0));
      config.put("schemas.cache.size", cacheSize);
      Converter oracle = WorkerJsonConverter.converter(config, false);
      Converter ours = ours(config, false);
      List<byte[]> messages = writtenMessages(oracle, 200);
      for (int round = 0; round < 3; round++) {
        for (byte[] message : messages) {
          compareReads(comparison, config, oracle, ours, message);
        }
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void toConnectDataReadsTheSameSchemasAndValuesFromWrittenMessages() {
    Comparison comparison = new Comparison("toConnectData, messages written by JsonConverter");
    for (Map<String, Object> config : configs()) {
      Converter oracle = WorkerJsonConverter.converter(config, false);
      Converter ours = ours(config, false);
      for (byte[] message : writtenMessages(oracle, 1500)) {
        compareReads(comparison, config, oracle, ours, message);
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void toConnectDataFailsAndSucceedsAlikeOnMutatedMessages() {
    Comparison comparison = new Comparison("toConnectData, truncated/changed/reordered/repeated messages");
    Random random = new Random(7);
    for (Map<String, Object> config : configs()) {
      Converter oracle = WorkerJsonConverter.converter(config, false);
      Converter ours = ours(config, false);
      for (byte[] message : writtenMessages(WorkerJsonConverter.converter(withSchemas(config), false), 600)) {
        // The original first: its schema is then the last one seen, which mutants take the quickest path with.
        compareReads(comparison, config, oracle, ours, message);
        for (byte[] mutated : JsonCorpus.mutations(message, random)) {
          compareReads(comparison, config, oracle, ours, mutated);
        }
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void toConnectDataReadsHandWrittenEdgeCasesAlike() {
    Comparison comparison = new Comparison("toConnectData, hand-written edge cases");
    for (Map<String, Object> config : configs()) {
      Converter oracle = WorkerJsonConverter.converter(config, false);
      Converter ours = ours(config, false);
      for (byte[] message : JsonCorpus.messages()) {
        compareReads(comparison, config, oracle, ours, message);
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void fromConnectDataWritesBackWhatToConnectDataRead() {
    Comparison comparison = new Comparison("fromConnectData(toConnectData(message))");
    for (Map<String, Object> config : configs()) {
      Converter oracle = WorkerJsonConverter.converter(config, false);
      Converter ours = ours(config, false);
      List<byte[]> messages = new ArrayList<>(JsonCorpus.messages());
      messages.addAll(writtenMessages(oracle, 300));
      for (byte[] message : messages) {
        Outcome read = Outcome.ofData(() -> oracle.toConnectData(TOPIC, message));
        if (read.failed()) {
          continue;
        }
        SchemaAndValue data = oracle.toConnectData(TOPIC, message);
        comparison.check(config + " " + new String(message, StandardCharsets.UTF_8),
            Outcome.ofBytes(() -> oracle.fromConnectData(TOPIC, data.schema(), data.value())),
            Outcome.ofBytes(() -> ours.fromConnectData(TOPIC, data.schema(), data.value())));
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void debeziumEnvelopesConvertAlikeBothWays() {
    Comparison comparison = new Comparison("Debezium change events (keys and values)");
    Random random = new Random(3);
    List<Struct> events = DebeziumEnvelopes.events(400, 11);
    for (Map<String, Object> config : configs()) {
      for (boolean isKey : new boolean[] {true, false}) {
        Converter oracle = WorkerJsonConverter.converter(config, isKey);
        Converter ours = ours(config, isKey);
        for (Struct event : events) {
          Struct data = isKey ? new Struct(DebeziumEnvelopes.KEY).put("id", event.getStruct("source")
              .getInt64("txId").intValue()) : event;
          Outcome written = Outcome.ofBytes(() -> oracle.fromConnectData(TOPIC, data.schema(), data));
          comparison.check(config + " write " + data, written,
              Outcome.ofBytes(() -> ours.fromConnectData(TOPIC, data.schema(), data)));
          if (written.failed()) {
            continue;
          }
          byte[] message = oracle.fromConnectData(TOPIC, data.schema(), data);
          compareReads(comparison, config, oracle, ours, message);
          for (byte[] mutated : JsonCorpus.mutations(message, random)) {
            compareReads(comparison, config, oracle, ours, mutated);
          }
        }
      }
    }
    comparison.assertAllEqual();
  }

  @Test
  void headerConvertersAgree() {
    Comparison comparison = new Comparison("HeaderConverter both ways");
    for (Map<String, Object> config : configs()) {
      Map<String, Object> header = new HashMap<>(config);
      header.put("converter.type", "header");
      HeaderConverter oracle = WorkerJsonConverter.headerConverter(header);
      FastJsonConverter ours = new FastJsonConverter();
      ours.configure(header);
      for (ConnectCorpus.Case c : new ConnectCorpus(5).cases(300)) {
        Outcome written = Outcome.ofBytes(() -> oracle.fromConnectHeader(TOPIC, "h", c.schema(), c.value()));
        comparison.check(config + " " + c.schema(), written,
            Outcome.ofBytes(() -> ours.fromConnectHeader(TOPIC, "h", c.schema(), c.value())));
        if (!written.failed() && !"<null>".equals(written.text())) {
          byte[] message = oracle.fromConnectHeader(TOPIC, "h", c.schema(), c.value());
          comparison.check(config + " read " + written.text(),
              Outcome.ofData(() -> oracle.toConnectHeader(TOPIC, "h", message)),
              Outcome.ofData(() -> ours.toConnectHeader(TOPIC, "h", message)));
        }
      }
    }
    comparison.assertAllEqual();
  }

  private static void compareReads(Comparison comparison, Map<String, Object> config, Converter oracle,
      Converter ours, byte[] message) {
    comparison.check(config + " " + preview(message),
        Outcome.ofData(() -> oracle.toConnectData(TOPIC, message)),
        Outcome.ofData(() -> ours.toConnectData(TOPIC, message)));
  }

  /** Messages JsonConverter writes for the generated corpus under a config (those it can write). */
  private static List<byte[]> writtenMessages(Converter writer, int count) {
    List<byte[]> messages = new ArrayList<>();
    for (ConnectCorpus.Case c : new ConnectCorpus(23).cases(count)) {
      try {
        byte[] message = writer.fromConnectData(TOPIC, c.schema(), c.value());
        if (message != null) {
          messages.add(message);
        }
      } catch (RuntimeException misfit) {
        // a value JsonConverter cannot write: covered by the fromConnectData comparison
      }
    }
    return messages;
  }

  private static Map<String, Object> withSchemas(Map<String, Object> config) {
    Map<String, Object> copy = new HashMap<>(config);
    copy.put("schemas.enable", true);
    return copy;
  }

  private static String preview(byte[] message) {
    String text = new String(message, StandardCharsets.UTF_8);
    return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
  }

  /** Counts compared cases and keeps the first differences. */
  private static final class Comparison {
    private final String name;
    private final List<String> differences = new ArrayList<>();
    private int cases;
    private int failures;
    private int different;

    Comparison(String name) {
      this.name = name;
    }

    void check(String input, Outcome expected, Outcome actual) {
      cases++;
      if (expected.failed()) {
        failures++;
      }
      if (!expected.sameAs(actual) && ++different <= 15) {
        differences.add(input + "\n    JsonConverter: " + expected + "\n    ours:          " + actual);
      }
    }

    void assertAllEqual() {
      System.out.printf("[differential] %s: %d cases compared (%d where JsonConverter threw), Jackson %s for "
          + "JsonConverter, %s for ours, %d differences (at most 15 shown)%n", name, cases, failures,
          WorkerJsonConverter.jacksonVersion(), com.fasterxml.jackson.core.json.PackageVersion.VERSION, different);
      assertThat(differences).as(name).isEmpty();
    }
  }
}
