package io.streamlake.benchmarks;

import io.streamlake.connect.json.FastJsonConverter;
import io.streamlake.connect.s3.testing.Orders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

/**
 * The converter section (issue 19): records per CPU-second of Kafka's JsonConverter and our FastJsonConverter on
 * the reference event with its schema ({@code schemas.enable=true}, the MSK default), in both directions:
 * {@code toConnectData} (what a sink task pays per record) on the JSON bytes JsonConverter writes, and
 * {@code fromConnectData} (what a source task pays) on the Structs. Inputs are built before the timed region; each
 * pass converts every input once per round on one thread; the figure is the median over the passes after the
 * first (cold JIT). Both converters' outputs are checked equal first.
 *
 * <p>Arguments: {@code --records=N} (distinct events, default 10,000) {@code --rounds=R} (passes over them per
 * timed pass, default 20) {@code --passes=P} (default 6).
 */
public final class ConverterBench {

  private static final String TOPIC = "orders";

  private ConverterBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Bench.args(argv);
    int records = Integer.parseInt(args.getOrDefault("records", "10000"));
    int rounds = Integer.parseInt(args.getOrDefault("rounds", "20"));
    int passes = Integer.parseInt(args.getOrDefault("passes", "6"));

    Map<String, String> config = Map.of("schemas.enable", "true", "converter.type", "value");
    JsonConverter kafka = new JsonConverter();
    kafka.configure(config);
    FastJsonConverter ours = new FastJsonConverter();
    ours.configure(config);

    List<Struct> structs = new ArrayList<>(records);
    List<byte[]> messages = new ArrayList<>(records);
    long bytes = 0;
    for (long i = 0; i < records; i++) {
      Struct order = Orders.order(i, OrderEvents.timestamp(i));
      structs.add(order);
      byte[] json = kafka.fromConnectData(TOPIC, Orders.ORDER, order);
      messages.add(json);
      bytes += json.length;
    }
    checkEqual(kafka, ours, structs, messages);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("records", records);
    result.put("rounds", rounds);
    result.put("passes", passes);
    result.put("meanJsonBytes", Bench.round((double) bytes / records, 1));
    Map<String, Object> to = new LinkedHashMap<>();
    to.put("JsonConverter", measure(passes, rounds, records, () -> readAll(kafka, messages)));
    to.put("FastJsonConverter", measure(passes, rounds, records, () -> readAll(ours, messages)));
    to.put("speedup", speedup(to));
    result.put("toConnectData", to);
    Map<String, Object> from = new LinkedHashMap<>();
    from.put("JsonConverter", measure(passes, rounds, records, () -> writeAll(kafka, structs)));
    from.put("FastJsonConverter", measure(passes, rounds, records, () -> writeAll(ours, structs)));
    from.put("speedup", speedup(from));
    result.put("fromConnectData", from);
    result.put("jvm", Bench.jvm());
    Bench.printResult(result);
  }

  private static void checkEqual(Converter kafka, Converter ours, List<Struct> structs, List<byte[]> messages) {
    for (int i = 0; i < messages.size(); i++) {
      SchemaAndValue expected = kafka.toConnectData(TOPIC, messages.get(i));
      SchemaAndValue actual = ours.toConnectData(TOPIC, messages.get(i));
      if (!expected.schema().equals(actual.schema()) || !expected.value().equals(actual.value())) {
        throw new IllegalStateException("toConnectData differs on event " + i);
      }
      if (!Arrays.equals(messages.get(i), ours.fromConnectData(TOPIC, Orders.ORDER, structs.get(i)))) {
        throw new IllegalStateException("fromConnectData differs on event " + i);
      }
    }
  }

  private static long readAll(Converter converter, List<byte[]> messages) {
    long sink = 0;
    for (byte[] message : messages) {
      sink += converter.toConnectData(TOPIC, message).value().hashCode();
    }
    return sink;
  }

  private static long writeAll(Converter converter, List<Struct> structs) {
    long sink = 0;
    for (Struct struct : structs) {
      sink += converter.fromConnectData(TOPIC, Orders.ORDER, struct).length;
    }
    return sink;
  }

  /** Passes of {@code rounds} x all inputs; the first pass (cold JIT) is reported apart from the median of the rest. */
  private static Map<String, Object> measure(int passes, int rounds, int records, Work work) {
    List<Double> rates = new ArrayList<>();
    long blackhole = 0;
    for (int pass = 0; pass < passes; pass++) {
      long cpu = Bench.threadCpuNanos();
      for (int round = 0; round < rounds; round++) {
        blackhole += work.run();
      }
      double seconds = (Bench.threadCpuNanos() - cpu) / 1e9;
      rates.add((double) rounds * records / seconds);
    }
    List<Double> warm = new ArrayList<>(rates.subList(1, rates.size()));
    warm.sort(null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recordsPerCpuSecond", Math.round(warm.get(warm.size() / 2)));
    out.put("firstPassRecordsPerCpuSecond", Math.round(rates.get(0)));
    out.put("allPasses", rates.stream().map(Math::round).toList());
    out.put("checksum", blackhole);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static double speedup(Map<String, Object> direction) {
    long theirs = (Long) ((Map<String, Object>) direction.get("JsonConverter")).get("recordsPerCpuSecond");
    long ours = (Long) ((Map<String, Object>) direction.get("FastJsonConverter")).get("recordsPerCpuSecond");
    return Bench.round((double) ours / theirs, 2);
  }

  @FunctionalInterface
  private interface Work {
    long run();
  }
}
