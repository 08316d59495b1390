package io.streamlake.connect.cdc.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of the legacy {@code delete.handling.mode} option (Debezium 1.x/2.x, removed in 3.x). */
public enum LegacyDeleteHandling implements Choice {
  /** Drop delete events. The legacy default. */
  DROP("drop"),
  /** Pass delete events on as a record with a null value. */
  NONE("none"),
  /** Emit the {@code before} row with {@code __deleted=true}; creates and updates get {@code __deleted=false}. */
  REWRITE("rewrite");

  private final Spelling spelling;

  LegacyDeleteHandling(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
