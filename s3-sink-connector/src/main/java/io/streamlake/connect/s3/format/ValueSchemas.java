package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.record.RecordLabel;
import org.apache.avro.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** Chooses the Avro schema of a file from its first record: the record's Connect schema or the configured one. */
final class ValueSchemas {

  private final AvroSchemaMapper mapper;
  private final Schema schemaless;
  private final String formatName;

  ValueSchemas(AvroSchemaMapper mapper, Schema schemaless, String formatName) {
    this.mapper = mapper;
    this.schemaless = schemaless;
    this.formatName = formatName;
  }

  Schema schemaFor(SinkRecord record) {
    if (record.valueSchema() != null) {
      return mapper.toAvro(record.valueSchema());
    }
    if (schemaless != null) {
      return schemaless;
    }
    throw new DataException(RecordLabel.of(record) + " has no value schema; writing " + formatName
        + " from schemaless values needs schemaless.avro.schema (or a converter with schemas, e.g."
        + " value.converter.schemas.enable=true)");
  }
}
