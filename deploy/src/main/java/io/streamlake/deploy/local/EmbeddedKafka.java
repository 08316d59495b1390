package io.streamlake.deploy.local;

import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * A one-broker Kafka in this process (Kafka's own embedded test cluster, ZooKeeper-based in 3.7), listening on a
 * free loopback port, its logs in a temporary directory. Stopped by {@link #close()}.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final EmbeddedKafkaCluster cluster;

  private EmbeddedKafka(EmbeddedKafkaCluster cluster) {
    this.cluster = cluster;
  }

  public static EmbeddedKafka start() {
    Properties broker = new Properties();
    broker.put("listeners", "PLAINTEXT://127.0.0.1:0");
    broker.put("auto.create.topics.enable", "false");
    broker.put("group.initial.rebalance.delay.ms", "0");
    broker.put("offsets.topic.num.partitions", "5");
    broker.put("log.flush.interval.messages", "100000");
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(1, broker);
    cluster.start();
    return new EmbeddedKafka(cluster);
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() {
    cluster.stop();
  }
}
