package io.streamlake.connect.lag.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import kafka.zk.EmbeddedZookeeper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * One broker with a PLAINTEXT listener (for test setup) and a SASL_PLAINTEXT listener that accepts
 * SCRAM-SHA-512, as Amazon MSK's SCRAM port does (minus TLS), with one SCRAM user.
 */
public final class ScramBroker implements AutoCloseable {

  private final EmbeddedZookeeper zookeeper;
  private final KafkaServer server;
  private final Path logDir;

  public ScramBroker(String user, String password) throws Exception {
    zookeeper = new EmbeddedZookeeper();
    logDir = Files.createTempDirectory("scram-broker");
    Properties props = new Properties();
    props.put("broker.id", "0");
    props.put("zookeeper.connect", "127.0.0.1:" + zookeeper.port());
    props.put("listeners", "PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    props.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    props.put("log.dirs", logDir.toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    server = new KafkaServer(KafkaConfig.fromProps(props), Time.SYSTEM, scala.Option.apply("scram"), false);
    server.startup();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", plaintextBootstrap()))) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
    }
  }

  /** The listener for setup (producing, committing): no authentication. */
  public String plaintextBootstrap() {
    return "127.0.0.1:" + server.boundPort(new ListenerName("PLAINTEXT"));
  }

  /** The SCRAM-SHA-512 listener. */
  public String saslBootstrap() {
    return "127.0.0.1:" + server.boundPort(new ListenerName("SASL_PLAINTEXT"));
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
    server.awaitShutdown();
    zookeeper.shutdown();
    Utils.delete(logDir.toFile());
  }
}
