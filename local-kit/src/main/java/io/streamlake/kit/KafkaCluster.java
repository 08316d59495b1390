package io.streamlake.kit;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metadata.FeatureLevelRecord;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapDirectory;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesVersion;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster in KRaft mode in this JVM, as {@code kafka-storage.sh format} and {@code kafka-server-start.sh}
 * would run it: node 0 is a combined broker and controller (the only voter), further nodes are brokers. Every
 * listener binds a free port on 127.0.0.1; the log directories are temporary and deleted on {@link #close()}.
 * Optionally each broker has a second, SASL_PLAINTEXT listener accepting SCRAM-SHA-512 for the users given to the
 * builder (their credentials are written into the bootstrap metadata, so they work from the first request).
 *
 * <p>Besides the addresses, it offers what tests do with a cluster: create topics, produce in batches and wait for
 * every acknowledgement, read a topic from the start, commit and read a group's offsets.
 */
public final class KafkaCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
  private static final int START_ATTEMPTS = 3;

  private final List<Node> nodes;
  private final boolean sasl;
  private final int replication;
  private Admin admin;
  private KafkaProducer<byte[], byte[]> producer;
  private boolean closed;

  private KafkaCluster(List<Node> nodes, boolean sasl, int replication) {
    this.nodes = nodes;
    this.sasl = sasl;
    this.replication = replication;
  }

  /** One combined broker and controller, no SASL listener. */
  public static KafkaCluster start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How to start a cluster: broker count, SCRAM users, further broker settings. */
  public static final class Builder {
    private int brokers = 1;
    private final Map<String, String> scramUsers = new LinkedHashMap<>();
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();

    private Builder() {}

    /** Number of brokers (node 0 is also the controller); 1 by default. */
    public Builder brokers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a cluster needs at least one broker, got " + count);
      }
      this.brokers = count;
      return this;
    }

    /** Adds a SASL_PLAINTEXT listener accepting SCRAM-SHA-512 with this user (call again for more users). */
    public Builder scramUser(String user, String password) {
      scramUsers.put(user, password);
      return this;
    }

    /** A broker setting applied to every node after the kit's own (it wins). */
    public Builder brokerProperty(String key, String value) {
      brokerProperties.put(key, value);
      return this;
    }

    public KafkaCluster start() {
      ExitGuard.acquire();
      try {
        return startWithRetries();
      } catch (RuntimeException | Error e) {
        ExitGuard.release();
        throw e;
      }
    }

    private KafkaCluster startWithRetries() {
      for (int attempt = 1; ; attempt++) {
        List<Node> planned = new ArrayList<>();
        List<Node> started = new ArrayList<>();
        try {
          planned.addAll(plan());
          format(planned);
          for (Node node : planned) {
            started.add(node);
            node.server.startup();
          }
          KafkaCluster cluster = new KafkaCluster(planned, !scramUsers.isEmpty(), Math.min(brokers, 3));
          LOG.info("KRaft cluster of {} broker(s) up at {}", brokers, cluster.bootstrapServers());
          return cluster;
        } catch (RuntimeException e) {
          stopAll(started);
          planned.forEach(node -> Files2.deleteQuietly(node.dir));
          // A port picked in advance can be taken before the broker binds it (another server of the same JVM, e.g.
          // an S3 endpoint starting alongside); a bind failure of the controller reaches us only as Kafka's exit
          // (masked into an exception by ExitGuard), so every start failure gets new ports and another attempt.
          if (attempt < START_ATTEMPTS) {
            LOG.warn("the KRaft cluster did not start (attempt {} of {}{}); starting again on new ports", attempt,
                START_ATTEMPTS, causedByBind(e) ? ", a port was taken" : "", e);
            continue;
          }
          throw new IllegalStateException("the KRaft cluster did not start: " + e.getMessage(), e);
        }
      }
    }

    private List<Node> plan() {
      String clusterId = Uuid.randomUuid().toString();
      int controllerPort = FreePorts.next();
      List<Node> planned = new ArrayList<>();
      for (int id = 0; id < brokers; id++) {
        Path dir;
        try {
          dir = Files.createTempDirectory("streamlake-kit-kafka-" + id + "-");
        } catch (IOException e) {
          throw new IllegalStateException("cannot create a temporary log directory", e);
        }
        int plainPort = FreePorts.next();
        int saslPort = scramUsers.isEmpty() ? -1 : FreePorts.next();
        Map<String, String> props = nodeProperties(id, dir, controllerPort, plainPort, saslPort);
        planned.add(new Node(id, clusterId, dir, plainPort, saslPort, props));
      }
      return planned;
    }

    private Map<String, String> nodeProperties(int id, Path dir, int controllerPort, int plainPort, int saslPort) {
      int internalReplication = Math.min(brokers, 3);
      Map<String, String> props = new LinkedHashMap<>();
      props.put("node.id", Integer.toString(id));
      props.put("process.roles", id == 0 ? "broker,controller" : "broker");
      props.put("controller.quorum.voters", "0@127.0.0.1:" + controllerPort);
      props.put("controller.listener.names", "CONTROLLER");
      String advertised = "PLAINTEXT://127.0.0.1:" + plainPort
          + (saslPort > 0 ? ",SASL_PLAINTEXT://127.0.0.1:" + saslPort : "");
      props.put("listeners", advertised + (id == 0 ? ",CONTROLLER://127.0.0.1:" + controllerPort : ""));
      props.put("advertised.listeners", advertised);
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("listener.security.protocol.map",
          "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
      props.put("log.dirs", dir.toString());
      props.put("num.partitions", "1");
      props.put("auto.create.topics.enable", "false");
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("offsets.topic.num.partitions", "5");
      props.put("offsets.topic.replication.factor", Integer.toString(internalReplication));
      props.put("transaction.state.log.replication.factor", Integer.toString(internalReplication));
      props.put("transaction.state.log.min.isr", "1");
      // the log cleaner (Connect's internal topics are compacted) with 2 MiB instead of 128 MiB of dedupe buffer
      props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
      props.put("broker.heartbeat.interval.ms", "500");
      if (saslPort > 0) {
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      }
      props.putAll(brokerProperties);
      return props;
    }

    /** What {@code kafka-storage.sh format} writes: meta.properties and the bootstrap metadata (with SCRAM users). */
    private void format(List<Node> planned) {
      List<ApiMessageAndVersion> records = new ArrayList<>();
      MetadataVersion version = MetadataVersion.LATEST_PRODUCTION;
      records.add(new ApiMessageAndVersion(new FeatureLevelRecord().setName(MetadataVersion.FEATURE_NAME)
          .setFeatureLevel(version.featureLevel()), (short) 0));
      scramUsers.forEach((user, password) -> records.add(new ApiMessageAndVersion(scramRecord(user, password),
          (short) 0)));
      BootstrapMetadata bootstrap = BootstrapMetadata.fromRecords(records, "streamlake local kit");
      for (Node node : planned) {
        MetaProperties meta = new MetaProperties.Builder().setVersion(MetaPropertiesVersion.V1)
            .setClusterId(node.clusterId).setNodeId(node.id).setDirectoryId(Uuid.randomUuid()).build();
        try {
          PropertiesUtils.writePropertiesFile(meta.toProperties(), node.dir.resolve("meta.properties").toString(),
              false);
          new BootstrapDirectory(node.dir.toString(), Optional.empty()).writeBinaryFile(bootstrap);
        } catch (IOException e) {
          throw new IllegalStateException("cannot format " + node.dir, e);
        }
        node.server = new KafkaRaftServer(new KafkaConfig(node.properties, false), Time.SYSTEM);
      }
    }

    private static UserScramCredentialRecord scramRecord(String user, String password) {
      try {
        ScramMechanism mechanism = ScramMechanism.SCRAM_SHA_512;
        ScramCredential credential = new ScramFormatter(mechanism).generateCredential(password, 4096);
        return new UserScramCredentialRecord().setName(user).setMechanism(mechanism.type())
            .setSalt(credential.salt()).setStoredKey(credential.storedKey()).setServerKey(credential.serverKey())
            .setIterations(credential.iterations());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SCRAM-SHA-512 is not available in this JVM", e);
      }
    }

    private static boolean causedByBind(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          return true;
        }
      }
      return false;
    }
  }

  /** One broker (node 0: broker and controller) with its log directory. */
  private static final class Node {
    final int id;
    final String clusterId;
    final Path dir;
    final int plainPort;
    final int saslPort;
    final Map<String, String> properties;
    KafkaRaftServer server;

    Node(int id, String clusterId, Path dir, int plainPort, int saslPort, Map<String, String> properties) {
      this.id = id;
      this.clusterId = clusterId;
      this.dir = dir;
      this.plainPort = plainPort;
      this.saslPort = saslPort;
      this.properties = properties;
    }
  }

  /** The PLAINTEXT listeners, {@code 127.0.0.1:port,...}. */
  public String bootstrapServers() {
    return nodes.stream().map(n -> "127.0.0.1:" + n.plainPort).collect(Collectors.joining(","));
  }

  /** The SASL_PLAINTEXT (SCRAM-SHA-512) listeners; only with {@link Builder#scramUser}. */
  public String saslBootstrapServers() {
    if (!sasl) {
      throw new IllegalStateException("this cluster has no SASL listener: start it with scramUser(...)");
    }
    return nodes.stream().map(n -> "127.0.0.1:" + n.saslPort).collect(Collectors.joining(","));
  }

  public int brokers() {
    return nodes.size();
  }

  /** The brokers' temporary log directories (deleted by {@link #close()}). */
  List<Path> logDirs() {
    return nodes.stream().map(n -> n.dir).toList();
  }

  /** An admin client of this cluster, created once and closed with it. */
  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
    return admin;
  }

  /** Creates a topic replicated on min(brokers, 3) brokers and waits for the controller to have created it. */
  public void createTopic(String topic, int partitions) {
    createTopic(topic, partitions, replication);
  }

  /**
   * Creates a topic and waits until the brokers know it: every partition has a leader and all its replicas in sync
   * (the controller answers before the brokers have applied the new metadata).
   */
  public void createTopic(String topic, int partitions, int replicationFactor) {
    try {
      admin().createTopics(List.of(new NewTopic(topic, partitions, (short) replicationFactor))).all().get();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!known(topic, partitions, replicationFactor)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the brokers did not learn of topic " + topic + " within 30 s");
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + topic, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  private boolean known(String topic, int partitions, int replicationFactor) throws InterruptedException {
    try {
      var description = admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      return description.partitions().size() == partitions && description.partitions().stream()
          .allMatch(p -> p.leader() != null && p.isr().size() == replicationFactor);
    } catch (ExecutionException e) {
      return false;
    }
  }

  /**
   * Sends the records in batches (acks=all, one request in flight, so order holds across retries) and returns once
   * every one is acknowledged. Not idempotent: in a fresh-clone run the idempotent producer, shared by every test of
   * a class, got NOT_LEADER_OR_FOLLOWER on a just-created partition, restarted its sequence at 0 where the broker
   * held 400 for it, and was answered OUT_OF_ORDER_SEQUENCE_NUMBER until the batch expired after 120 s; without
   * idempotence a retry only follows a refused append, and one request in flight keeps the order.
   *
   * @throws ExecutionException the first failed send
   */
  public void produce(List<ProducerRecord<byte[], byte[]>> records) throws InterruptedException,
      ExecutionException {
    KafkaProducer<byte[], byte[]> sender = producer();
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (ProducerRecord<byte[], byte[]> record : records) {
      acks.add(sender.send(record));
    }
    sender.flush();
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  private synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Map<String, Object> props = new HashMap<>();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
      props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
      props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  /** Reads a topic from the beginning until {@code expected} records arrived or {@code timeout} passed. */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected, Duration timeout) {
    return consumeUntil(topic, timeout, got -> got.size() >= expected);
  }

  /** Reads a topic from the beginning until {@code done} holds for what was read or {@code timeout} passed. */
  public List<ConsumerRecord<byte[], byte[]>> consumeUntil(String topic, Duration timeout,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "kit-reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
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

  /** A consumer in {@code group} that never commits by itself and starts at the end of a partition. */
  public KafkaConsumer<byte[], byte[]> consumer(String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Commits these offsets for {@code group} without joining it (the group stays Empty). */
  public void commitOffsets(String group, Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
      consumer.commitSync(commits);
    }
  }

  /** The committed offsets of a consumer group (a Connect sink's group is {@code connect-<connector>}). */
  public Map<TopicPartition, Long> committedOffsets(String group) {
    try {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
        if (offset != null) {
          offsets.put(tp, offset.offset());
        }
      });
      return offsets;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the offsets of " + group, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** Stops the clients, the brokers (controller last) and deletes the log directories. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
      if (admin != null) {
        admin.close(Duration.ofSeconds(5));
      }
      stopAll(nodes);
    } finally {
      ExitGuard.release();
    }
  }

  private static void stopAll(List<Node> nodes) {
    List<Node> reversed = new ArrayList<>(nodes);
    Collections.reverse(reversed);
    for (Node node : reversed) {
      try {
        node.server.shutdown();
        node.server.awaitShutdown();
      } catch (RuntimeException e) {
        LOG.warn("stopping broker {} failed", node.id, e);
      }
    }
    for (Node node : nodes) {
      Files2.deleteQuietly(node.dir);
    }
  }
}
