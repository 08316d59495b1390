package io.streamlake.connect.cdc.types;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Converts the values of one Debezium semantic type to a Connect logical type. */
public interface TypeConversion {

  /** A builder of the Connect logical schema (optional flag, doc and default are copied by the caller). */
  SchemaBuilder target();

  /**
   * Converts one non-null value.
   *
   * @param value a value of the Debezium type
   * @param where the field path, for error messages
   * @throws org.apache.kafka.connect.errors.DataException when the value is malformed, or precision would be
   *     lost while the mode is {@code fail}
   */
  Object convert(Object value, String where);

  /** The Debezium schema name this conversion handles. */
  String debeziumName();

  /** Whether {@code schema} carries this conversion's Debezium type. */
  default boolean handles(Schema schema) {
    return debeziumName().equals(schema.name());
  }
}
