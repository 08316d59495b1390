package io.streamlake.connect.cdc.envelope;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Schema copies used when rows are rebuilt. */
final class Schemas {

  private Schemas() {}

  /**
   * A required struct builder with the source's name, version, doc and parameters but no fields: the shape a
   * rebuilt row takes (the same as Kafka's stock SMTs produce, so rows match Debezium's byte for byte).
   */
  static SchemaBuilder structLike(Schema source) {
    return basics(source, SchemaBuilder.struct());
  }

  /** An optional copy of {@code source} without its default value: the schema of an added field or header. */
  static Schema optionalCopy(Schema source) {
    SchemaBuilder builder = switch (source.type()) {
      case ARRAY -> SchemaBuilder.array(source.valueSchema());
      case MAP -> SchemaBuilder.map(source.keySchema(), source.valueSchema());
      case STRUCT -> withFields(source, SchemaBuilder.struct());
      default -> new SchemaBuilder(source.type());
    };
    return basics(source, builder).optional().build();
  }

  private static SchemaBuilder withFields(Schema source, SchemaBuilder builder) {
    for (Field field : source.fields()) {
      builder.field(field.name(), field.schema());
    }
    return builder;
  }

  private static SchemaBuilder basics(Schema source, SchemaBuilder builder) {
    builder.name(source.name()).version(source.version()).doc(source.doc());
    if (source.parameters() != null) {
      builder.parameters(source.parameters());
    }
    return builder;
  }
}
