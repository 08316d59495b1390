package io.streamlake.connect.cdc.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Type of the {@code __deleted} field written in rewrite modes. */
public enum DeletedFieldType implements Choice {
  /** Optional string {@code "true"}/{@code "false"}, exactly as Debezium writes it. The default. */
  STRING("string"),
  /** Optional boolean, which lake tables and SQL engines filter on directly. */
  BOOLEAN("boolean");

  private final Spelling spelling;

  DeletedFieldType(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
