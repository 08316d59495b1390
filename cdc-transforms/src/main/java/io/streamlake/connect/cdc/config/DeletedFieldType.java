package io.streamlake.connect.cdc.config;

/** Type of the {@code __deleted} field written in rewrite modes. */
public enum DeletedFieldType implements WireEnum {
  /** Optional string {@code "true"}/{@code "false"}, exactly as Debezium writes it. The default. */
  STRING("string"),
  /** Optional boolean, which lake tables and SQL engines filter on directly. */
  BOOLEAN("boolean");

  private final String wire;

  DeletedFieldType(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
