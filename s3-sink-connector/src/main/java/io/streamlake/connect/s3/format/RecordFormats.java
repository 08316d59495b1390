package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.config.S3SinkConfig;

/** Builds the format that {@code format.class} names. */
public final class RecordFormats {

  private RecordFormats() {}

  public static RecordFormat create(S3SinkConfig config) {
    AvroSchemaMapper mapper = new AvroSchemaMapper(config.getInt(S3SinkConfig.DECIMAL_PRECISION_CONFIG));
    long compactMaxBytes = config.getLong(S3SinkConfig.COMPACT_MAX_CONFIG);
    return switch (config.format()) {
      case PARQUET -> new ParquetFormat(config.parquetCodec(), config.getInt(S3SinkConfig.PARQUET_ROW_GROUP_CONFIG),
          config.getBoolean(S3SinkConfig.PARQUET_DICTIONARY_CONFIG),
          config.getBoolean(S3SinkConfig.PARQUET_DICTIONARY_ADAPTIVE_CONFIG), compactMaxBytes, mapper,
          config.schemalessSchema());
      case AVRO -> new AvroFormat(config.avroCodec(), compactMaxBytes, mapper, config.schemalessSchema());
      case JSON -> new JsonLinesFormat(config.jsonCompression(), compactMaxBytes);
    };
  }
}
