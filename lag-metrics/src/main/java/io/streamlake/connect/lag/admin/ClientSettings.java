package io.streamlake.connect.lag.admin;

import io.streamlake.connect.lag.config.LagMetricsConfig;
import io.streamlake.connect.lag.config.SaslMechanismChoice;
import io.streamlake.connect.lag.config.SecurityProtocolChoice;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

/**
 * The Kafka client properties of the task's own AdminClient (and of its record-timestamp consumer), built
 * from the {@code admin.*} options. Secrets go in as {@link Password}s, which Kafka prints as [hidden];
 * {@link #describe} is the only text of these settings this module logs.
 */
public final class ClientSettings {

  static final String IAM_LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
  static final String IAM_CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";
  private static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

  private final Map<String, Object> properties;
  private final String description;

  private ClientSettings(Map<String, Object> properties, String description) {
    this.properties = Map.copyOf(properties);
    this.description = description;
  }

  public static ClientSettings from(LagMetricsConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>(config.adminPassThrough());
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.bootstrapServers()));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, config.requestTimeoutMs());
    props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, config.requestTimeoutMs());
    SecurityProtocolChoice protocol = config.securityProtocol();
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.wireName());
    StringBuilder text = new StringBuilder("bootstrap=").append(String.join(",", config.bootstrapServers()))
        .append(" security.protocol=").append(protocol.wireName());
    if (!config.truststoreLocation().isBlank()) {
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, config.truststoreLocation());
      if (!config.truststorePassword().value().isEmpty()) {
        props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, config.truststorePassword());
      }
    }
    if (protocol.usesSasl()) {
      SaslMechanismChoice mechanism = config.saslMechanism();
      props.put(SaslConfigs.SASL_MECHANISM, mechanism.wireName());
      text.append(" sasl.mechanism=").append(mechanism.wireName());
      if (mechanism == SaslMechanismChoice.AWS_MSK_IAM) {
        props.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, IAM_CALLBACK_HANDLER);
      } else {
        text.append(" user=").append(config.saslUsername());
      }
      props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(config, mechanism));
    }
    return new ClientSettings(props, text.toString());
  }

  private static Password jaas(LagMetricsConfig config, SaslMechanismChoice mechanism) {
    if (!config.saslJaasConfig().value().isBlank()) {
      return config.saslJaasConfig();
    }
    switch (mechanism) {
      case AWS_MSK_IAM:
        String role = config.iamRoleArn().trim();
        return new Password(IAM_LOGIN_MODULE + " required"
            + (role.isEmpty() ? "" : " awsRoleArn=\"" + quoted(role) + "\"") + ";");
      case PLAIN:
        return userPassword(PLAIN_LOGIN_MODULE, config);
      default:
        return userPassword(SCRAM_LOGIN_MODULE, config);
    }
  }

  private static Password userPassword(String module, LagMetricsConfig config) {
    return new Password(module + " required username=\"" + quoted(config.saslUsername()) + "\" password=\""
        + quoted(config.saslPassword().value()) + "\";");
  }

  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Client properties, secrets as {@link Password}. */
  public Map<String, Object> properties() {
    return properties;
  }

  /** Bootstrap servers, protocol, mechanism and user: safe to log, never a secret. */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return describe();
  }
}
