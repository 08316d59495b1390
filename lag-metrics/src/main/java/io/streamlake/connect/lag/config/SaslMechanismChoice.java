package io.streamlake.connect.lag.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code admin.sasl.mechanism}. */
public enum SaslMechanismChoice implements Choice {
  /** IAM access control on Amazon MSK, through the aws-msk-iam-auth library (port 9098, SASL_SSL). */
  AWS_MSK_IAM("AWS_MSK_IAM"),
  /** SASL/SCRAM with SHA-512, as Amazon MSK uses with Secrets Manager credentials (port 9096). */
  SCRAM_SHA_512("SCRAM-SHA-512"),
  SCRAM_SHA_256("SCRAM-SHA-256"),
  PLAIN("PLAIN");

  private final Spelling spelling;

  SaslMechanismChoice(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
