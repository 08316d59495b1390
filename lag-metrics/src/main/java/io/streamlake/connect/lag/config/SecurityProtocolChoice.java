package io.streamlake.connect.lag.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code admin.security.protocol}: the Kafka client security protocols. */
public enum SecurityProtocolChoice implements Choice {
  PLAINTEXT("PLAINTEXT"),
  SSL("SSL"),
  SASL_PLAINTEXT("SASL_PLAINTEXT"),
  SASL_SSL("SASL_SSL");

  private final Spelling spelling;

  SecurityProtocolChoice(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }

  public boolean usesSasl() {
    return this == SASL_PLAINTEXT || this == SASL_SSL;
  }
}
