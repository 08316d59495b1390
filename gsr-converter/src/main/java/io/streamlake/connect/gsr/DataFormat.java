package io.streamlake.connect.gsr;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * AWS's {@code dataFormat} option: which kind of schema a converter reads and writes. Each converter class serves
 * one ({@link GlueSchemaRegistryAvroConverter} AVRO, {@link GlueSchemaRegistryJsonSchemaConverter} JSON, as AWS
 * ships one converter class per format); PROTOBUF is an AWS data format this plugin does not implement, so it is not
 * accepted (a ConfigException lists what is).
 */
public enum DataFormat implements Choice {
  /** Avro schemas, Avro binary payloads. */
  AVRO("AVRO"),
  /** JSON Schema definitions, UTF-8 JSON payloads. */
  JSON("JSON");

  private final Spelling spelling;

  DataFormat(String wireName) {
    this.spelling = Spelling.of(wireName);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
