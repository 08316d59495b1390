package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.config.FormatKind;
import io.streamlake.connect.s3.config.S3SinkConfig;
import java.util.ArrayList;
import java.util.List;

/** Builds the format that {@code format.class} names, and the side-file formats of keys and headers. */
public final class RecordFormats {

  private RecordFormats() {}

  public static RecordFormat create(S3SinkConfig config) {
    return create(config, config.format(), false);
  }

  /**
   * The side files to write next to each data file: keys ({@code store.kafka.keys}, {@code keys.format.class})
   * first, then headers; empty when neither is stored.
   */
  public static List<SideFileFormat> sideFiles(S3SinkConfig config) {
    List<SideFileFormat> sides = new ArrayList<>();
    config.keysFormat().ifPresent(kind ->
        sides.add(new SideFileFormat(SideFileFormat.Kind.KEYS, kind, create(config, kind, true))));
    config.headersFormat().ifPresent(kind ->
        sides.add(new SideFileFormat(SideFileFormat.Kind.HEADERS, kind, create(config, kind, true))));
    return List.copyOf(sides);
  }

  private static RecordFormat create(S3SinkConfig config, FormatKind kind, boolean side) {
    AvroSchemaMapper mapper = new AvroSchemaMapper(config.getInt(S3SinkConfig.DECIMAL_PRECISION_CONFIG));
    long compactMaxBytes = config.getLong(S3SinkConfig.COMPACT_MAX_CONFIG);
    return switch (kind) {
      case PARQUET -> new ParquetFormat(config.parquetCodec(), config.getInt(S3SinkConfig.PARQUET_ROW_GROUP_CONFIG),
          config.getBoolean(S3SinkConfig.PARQUET_DICTIONARY_CONFIG),
          config.getBoolean(S3SinkConfig.PARQUET_DICTIONARY_ADAPTIVE_CONFIG), compactMaxBytes, mapper,
          side ? null : config.schemalessSchema());
      case AVRO -> side ? AvroFormat.bare(config.avroCodec(), compactMaxBytes, mapper)
          : new AvroFormat(config.avroCodec(), compactMaxBytes, mapper, config.schemalessSchema());
      case JSON -> new JsonLinesFormat(config.jsonCompression(), compactMaxBytes);
    };
  }
}
