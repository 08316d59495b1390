package io.streamlake.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** Secret by type: PASSWORD options of a ConfigDef, and the Kafka clients' password options under client prefixes. */
class SecretOptionsTest {

  @Test
  void testPasswordOptionOfAConfigDefIsSecretWhateverItsName() {
    ConfigDef def = new ConfigDef().define("token.value", ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.LOW, "")
        .define("user.password.hint", ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "");
    Set<String> keys = SecretOptions.passwordKeys(def, "");
    assertThat(SecretOptions.isSecret("token.value", keys)).isTrue();
    // a name that looks secret but is a STRING option is not decided by its name
    assertThat(SecretOptions.isSecret("user.password.hint", keys)).isFalse();
  }

  @Test
  void testConverterOptionsAreFoundUnderTheirPrefix() {
    ConfigDef def = new ConfigDef().define("registry.secret", ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.LOW,
        "");
    assertThat(SecretOptions.passwordKeys(def, "value.converter.")).containsExactly("value.converter.registry.secret");
  }

  @Test
  void testSaslJaasConfigUnderEveryClientPrefix() {
    for (String prefix : SecretOptions.CLIENT_PREFIXES) {
      assertThat(SecretOptions.isSecret(prefix + "sasl.jaas.config", Set.of())).as(prefix).isTrue();
    }
  }

  @Test
  void testSslPasswordsUnderClientPrefixes() {
    for (String key : new String[] {"ssl.key.password", "ssl.keystore.password", "ssl.truststore.password"}) {
      assertThat(SecretOptions.isSecret("consumer.override." + key, Set.of())).as(key).isTrue();
      assertThat(SecretOptions.isSecret("producer.override." + key, Set.of())).as(key).isTrue();
      assertThat(SecretOptions.isSecret("admin." + key, Set.of())).as(key).isTrue();
    }
  }

  @Test
  void testBasicAuthUserInfo() {
    assertThat(SecretOptions.isSecret("value.converter.basic.auth.user.info", Set.of())).isTrue();
    assertThat(SecretOptions.isSecret("key.converter.basic.auth.user.info", Set.of())).isTrue();
  }

  @Test
  void testClientKeysUnderOtherPrefixesAndOrdinaryKeysAreNotSecret() {
    assertThat(SecretOptions.isSecret("consumer.override.session.timeout.ms", Set.of())).isFalse();
    assertThat(SecretOptions.isSecret("transforms.x.sasl.jaas.config", Set.of())).isFalse();
    assertThat(SecretOptions.isSecret("database.password", Set.of())).isFalse();
  }

  @Test
  void testReferencesAndEmptyValuesAreNotLiteral() {
    assertThat(SecretOptions.isLiteral("admin.ssl.key.password", "${secretsmanager:kafka/tls:key}")).isFalse();
    assertThat(SecretOptions.isLiteral("admin.ssl.key.password", "${ssm::/kafka/tls/key}")).isFalse();
    assertThat(SecretOptions.isLiteral("admin.ssl.key.password", "")).isFalse();
    assertThat(SecretOptions.isLiteral("admin.ssl.key.password", "hunter2")).isTrue();
    // "${" alone is no reference: the old prefix test let this through
    assertThat(SecretOptions.isLiteral("admin.ssl.key.password", "${not-a-reference")).isTrue();
  }

  @Test
  void testJaasConfigWithoutOptionsIsNotLiteralButWithCredentialsIs() {
    assertThat(SecretOptions.isLiteral("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;"))
        .isFalse();
    assertThat(SecretOptions.isLiteral("consumer.override.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";")).isTrue();
  }

  @Test
  void testLiteralSecretsNamesKeysInOrder() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("producer.override.ssl.key.password", "a");
    config.put("flush.size", "10");
    config.put("token.value", "b");
    assertThat(SecretOptions.literalSecrets(config, Set.of("token.value")))
        .containsExactly("producer.override.ssl.key.password", "token.value");
  }
}
