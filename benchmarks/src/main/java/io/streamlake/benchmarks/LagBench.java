package io.streamlake.benchmarks;

import io.streamlake.connect.lag.LagPoller;
import io.streamlake.connect.lag.LagPollers;
import io.streamlake.connect.lag.PollOutcome;
import io.streamlake.connect.lag.config.LagMetricsConfig;
import io.streamlake.kit.KafkaCluster;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The lag emitter at scale (issue item 5): one embedded broker with T topics x P partitions, G groups each
 * committing offsets on its share of the topics (every partition is watched by exactly one group, so the poll
 * reports T x P partition lags), and the emitter's own {@link LagPoller} (what the source task runs), with the
 * metrics-topic records built and CloudWatch off (no endpoint here). Each poll's wall time and admin requests.
 *
 * <p>Arguments: {@code --topics=100 --partitions=100 --groups=100 --polls=5}.
 */
public final class LagBench {

  private LagBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Bench.args(argv);
    int topics = Integer.parseInt(args.getOrDefault("topics", "100"));
    int partitions = Integer.parseInt(args.getOrDefault("partitions", "100"));
    int groups = Integer.parseInt(args.getOrDefault("groups", "100"));
    int polls = Integer.parseInt(args.getOrDefault("polls", "5"));
    KafkaCluster kafka = KafkaCluster.builder().brokerProperty("log.index.size.max.bytes", "65536").start();
    Map<String, Object> r = new LinkedHashMap<>();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "request.timeout.ms", 120_000, "default.api.timeout.ms", 300_000))) {
      long setup = System.nanoTime();
      List<NewTopic> newTopics = new ArrayList<>();
      for (int t = 0; t < topics; t++) {
        newTopics.add(new NewTopic(topic(t), partitions, (short) 1));
      }
      admin.createTopics(newTopics).all().get();
      awaitLeaders(admin, topics, partitions);
      produce(kafka, topics, partitions);
      for (int g = 0; g < groups; g++) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (int t = g; t < topics; t += groups) {
          for (int p = 0; p < partitions; p++) {
            commits.put(new TopicPartition(topic(t), p), new OffsetAndMetadata(p % 3));
          }
        }
        admin.alterConsumerGroupOffsets(group(g), commits).all().get();
      }
      System.out.printf("lag setup: %d topics x %d partitions, %d groups in %.1f s%n", topics, partitions, groups,
          (System.nanoTime() - setup) / 1e9);
    }
    Map<String, String> props = new HashMap<>();
    props.put("admin.bootstrap.servers", kafka.bootstrapServers());
    props.put("groups.include", "bench-group-.*");
    props.put("cloudwatch.enabled", "false");
    props.put("poll.interval.ms", "1000");
    List<Map<String, Object>> outcomes = new ArrayList<>();
    try (LagPoller poller = LagPollers.create(new LagMetricsConfig(props), "lag-bench", Clock.systemUTC())) {
      for (int i = 1; i <= polls; i++) {
        long start = System.nanoTime();
        PollOutcome outcome = poller.pollOnce();
        long wallMs = (System.nanoTime() - start) / 1_000_000L;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("poll", i);
        o.put("ms", wallMs);
        o.put("adminRequests", outcome.adminRequests());
        o.put("groups", outcome.groups());
        o.put("partitionLags", outcome.lags().size());
        o.put("records", outcome.records().size());
        outcomes.add(o);
        System.out.printf("lag poll %s%n", o);
        Thread.sleep(1000);
      }
    } finally {
      kafka.close();
    }
    r.put("topics", topics);
    r.put("partitions", topics * partitions);
    r.put("groups", groups);
    r.put("polls", outcomes);
    r.put("jvm", Bench.jvm());
    Bench.printResult(r);
  }

  private static String topic(int t) {
    return String.format("lag-topic-%03d", t);
  }

  private static String group(int g) {
    return String.format("bench-group-%03d", g);
  }

  private static void awaitLeaders(Admin admin, int topics, int partitions) throws Exception {
    List<String> names = new ArrayList<>();
    for (int t = 0; t < topics; t++) {
      names.add(topic(t));
    }
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      long led = admin.describeTopics(names).allTopicNames().get().values().stream()
          .flatMap(d -> d.partitions().stream()).filter(p -> p.leader() != null && !p.leader().isEmpty()).count();
      if (led == (long) topics * partitions) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Partitions without a leader after 300 s");
  }

  /** Partition p of every topic gets p % 5 + 1 records. */
  private static void produce(KafkaCluster kafka, int topics, int partitions) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 50);
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (int t = 0; t < topics; t++) {
        for (int p = 0; p < partitions; p++) {
          for (int i = 0; i <= p % 5; i++) {
            producer.send(new ProducerRecord<>(topic(t), p, null, ("v" + i).getBytes()));
          }
        }
      }
      producer.flush();
    }
  }
}
