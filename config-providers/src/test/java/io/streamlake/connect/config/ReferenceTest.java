package io.streamlake.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ReferenceTest {

  @Test
  void aReferenceWithoutAPathPartReadsAsWritten() {
    Reference reference = Reference.of("secretsmanager", null, "prod/token?ttl=5000");
    assertThat(reference).hasToString("secretsmanager:prod/token?ttl=5000");
    assertThat(reference.key()).isEqualTo("prod/token");
    assertThat(reference.ttlMs()).isEqualTo(Optional.of(5000L));
    assertThat(reference.pathOrEmpty()).isEmpty();
  }

  @Test
  void anEmptyPathKeepsItsDoubleColon() {
    assertThat(Reference.of("ssm", "", "/prod/key")).hasToString("ssm::/prod/key");
    assertThat(Reference.of("secretsmanager", "prod/db", "password")).hasToString("secretsmanager:prod/db:password");
  }

  @Test
  void aBadTtlFailsNamingTheReference() {
    assertThatThrownBy(() -> Reference.of("secretsmanager", null, "token?ttl=soon"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("${secretsmanager:token?ttl=soon}");
  }
}
