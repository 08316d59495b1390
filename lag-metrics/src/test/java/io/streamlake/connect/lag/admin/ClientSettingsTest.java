package io.streamlake.connect.lag.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.lag.config.LagMetricsConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

  private static LagMetricsConfig config(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("admin.bootstrap.servers", "b-1.lake.kafka.eu-west-1.amazonaws.com:9098");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return new LagMetricsConfig(props);
  }

  @Test
  void plaintextHasNoSasl() {
    Map<String, Object> props = ClientSettings.from(config(), "lag").properties();
    assertThat(props).containsEntry("bootstrap.servers", "b-1.lake.kafka.eu-west-1.amazonaws.com:9098")
        .containsEntry("security.protocol", "PLAINTEXT").containsEntry("client.id", "lag")
        .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
  }

  @Test
  void iamUsesTheMskLoginModuleAndCallbackHandler() throws Exception {
    Map<String, Object> props = ClientSettings.from(config("admin.security.protocol", "SASL_SSL"), "lag")
        .properties();
    assertThat(props).containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .containsEntry("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    assertThat(((Password) props.get("sasl.jaas.config")).value())
        .isEqualTo("software.amazon.msk.auth.iam.IAMLoginModule required;");
    // the library is on the classpath (bundled), so a worker can load both classes
    Class.forName(ClientSettings.IAM_LOGIN_MODULE);
    Class.forName(ClientSettings.IAM_CALLBACK_HANDLER);
    new AdminClientConfig(props);
  }

  @Test
  void iamWithRoleArn() {
    Map<String, Object> props = ClientSettings.from(config("admin.security.protocol", "SASL_SSL",
        "admin.sasl.iam.role.arn", "arn:aws:iam::123456789012:role/lag"), "lag").properties();
    assertThat(((Password) props.get("sasl.jaas.config")).value()).isEqualTo(
        "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\"arn:aws:iam::123456789012:role/lag\";");
  }

  @Test
  void scramBuildsJaasWithEscapedSecretThatNeverShowsInText() {
    ClientSettings settings = ClientSettings.from(config("admin.security.protocol", "SASL_SSL",
        "admin.sasl.mechanism", "SCRAM-SHA-512", "admin.sasl.username", "alice",
        "admin.sasl.password", "p\"w\\d-SECRET"), "lag");
    Map<String, Object> props = settings.properties();
    assertThat(props).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    Password jaas = (Password) props.get("sasl.jaas.config");
    assertThat(jaas.value()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required"
        + " username=\"alice\" password=\"p\\\"w\\\\d-SECRET\";");
    assertThat(jaas.toString()).doesNotContain("SECRET");
    assertThat(settings.describe()).contains("SCRAM-SHA-512").contains("alice").doesNotContain("SECRET");
    assertThat(settings.toString()).doesNotContain("SECRET");
    assertThat(props.toString()).doesNotContain("SECRET");
    new AdminClientConfig(props);
  }

  @Test
  void explicitJaasWins() {
    Map<String, Object> props = ClientSettings.from(config("admin.security.protocol", "SASL_PLAINTEXT",
        "admin.sasl.mechanism", "PLAIN", "admin.sasl.jaas.config", "custom required;"), "lag").properties();
    assertThat(((Password) props.get("sasl.jaas.config")).value()).isEqualTo("custom required;");
  }

  @Test
  void truststoreAndPassThrough() {
    Map<String, Object> props = ClientSettings.from(config("admin.security.protocol", "SSL",
        "admin.ssl.truststore.location", "/tmp/trust.jks", "admin.ssl.truststore.password", "changeit",
        "admin.metadata.max.age.ms", "5000"), "lag").properties();
    assertThat(props).containsEntry("ssl.truststore.location", "/tmp/trust.jks")
        .containsEntry("metadata.max.age.ms", "5000");
    assertThat(props.get("ssl.truststore.password")).isInstanceOf(Password.class);
  }
}
