package io.streamlake.connect.lag.config;

/** Values of {@code admin.security.protocol}: the Kafka client security protocols. */
public enum SecurityProtocolChoice implements Choice {
  PLAINTEXT,
  SSL,
  SASL_PLAINTEXT,
  SASL_SSL;

  @Override
  public String wireName() {
    return name();
  }

  public boolean usesSasl() {
    return this == SASL_PLAINTEXT || this == SASL_SSL;
  }
}
