package io.streamlake.connect.lag.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One embedded Kafka broker and Connect worker for a test class (plugins found through META-INF/services),
 * with helpers to produce known record counts and to commit known offsets for a group.
 */
public final class LagTestCluster implements AutoCloseable {

  private final EmbeddedConnectCluster connect;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;

  public LagTestCluster(String name) {
    Map<String, String> worker = new HashMap<>();
    worker.put("offset.flush.interval.ms", "1000");
    worker.put("plugin.discovery", "service_load");
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    Properties broker = new Properties();
    broker.put("auto.create.topics.enable", "false");
    broker.put("group.initial.rebalance.delay.ms", "0");
    connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1).numBrokers(1).workerProps(worker)
        .brokerProps(broker).maskExitProcedures(true).build();
    connect.start();
    Map<String, Object> producerProps = new HashMap<>();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
  }

  public EmbeddedConnectCluster connect() {
    return connect;
  }

  public Admin admin() {
    return admin;
  }

  public String bootstrapServers() {
    return connect.kafka().bootstrapServers();
  }

  public void createTopic(String topic, int partitions) {
    connect.kafka().createTopic(topic, partitions);
  }

  /** Produces {@code count} records to one partition, with record timestamps {@code firstTimestamp + i x step}. */
  public void produce(String topic, int partition, int count, long firstTimestamp, long step) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      acks.add(producer.send(new ProducerRecord<>(topic, partition, firstTimestamp + i * step, null,
          ("r" + i).getBytes())));
    }
    producer.flush();
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  public void produce(String topic, int partition, int count) throws Exception {
    produce(topic, partition, count, System.currentTimeMillis(), 0);
  }

  /** Commits these offsets for {@code group} without joining it (the group stays Empty). */
  public void commit(String group, Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
      consumer.commitSync(commits);
    }
  }

  /** A consumer of {@code group} that never commits by itself. */
  public KafkaConsumer<byte[], byte[]> consumer(String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Reads records of a topic from the beginning until {@code done} says so or the timeout passes. */
  public List<ConsumerRecord<byte[], byte[]>> consumeUntil(String topic, Duration timeout,
      java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(out) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    producer.close(Duration.ofSeconds(5));
    connect.stop();
  }
}
