package io.streamlake.connect.s3.catalog;

import io.streamlake.connect.s3.config.FormatKind;
import io.streamlake.connect.s3.config.JsonCompression;
import io.streamlake.connect.s3.config.PartitionerKind;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.format.AvroSchemaMapper;
import io.streamlake.connect.s3.path.PathSegments;
import io.streamlake.connect.s3.record.Envelopes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;

/**
 * Builds the Glue table of a topic from the sink's configuration and the schema of a file it wrote: columns
 * in Hive types ({@link HiveTypes}), partition keys and projection ({@link TableLayout}), SerDe and formats.
 * The one place that knows what a table of the sink's files looks like: the task's catalog syncer and the
 * CLI's {@code catalog} command both use it.
 */
public final class TableBuilder {

  static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
  static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
  static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
  static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
  static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
  static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
  static final String AVRO_SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";
  static final String AVRO_INPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
  static final String AVRO_OUTPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";
  /** Table and SerDe property holding the Avro reader schema. */
  public static final String AVRO_LITERAL = "avro.schema.literal";

  private final S3SinkConfig config;
  private final FormatKind format;
  private final TableLayout layout;
  private final AvroSchemaMapper mapper;
  private final String database;
  private final boolean envelope;

  /**
   * @throws CatalogException when the partitioner's keys cannot form a table (names, projection)
   */
  public TableBuilder(S3SinkConfig config) {
    this.config = config;
    this.format = config.format();
    this.layout = TableLayout.of(config);
    this.mapper = new AvroSchemaMapper(config.getInt(S3SinkConfig.DECIMAL_PRECISION_CONFIG));
    this.database = config.getString(S3SinkConfig.GLUE_DATABASE_CONFIG);
    this.envelope = config.getBoolean(S3SinkConfig.STORE_ENVELOPE_CONFIG);
  }

  public TableLayout layout() {
    return layout;
  }

  public String database() {
    return database;
  }

  public String tableName(String topic) {
    return config.glueTableName(topic);
  }

  /** {@code s3://bucket/topics.dir/topic/}, where the topic's files are. */
  public String location(String topic) {
    String dir = config.getString(S3SinkConfig.TOPICS_DIR_CONFIG).replaceAll("^/+|/+$", "");
    return "s3://" + config.getString(S3SinkConfig.S3_BUCKET_CONFIG) + "/" + (dir.isEmpty() ? "" : dir + "/")
        + PathSegments.encode(topic) + "/";
  }

  /**
   * The table of a topic whose files hold values of {@code valueSchema} (null: schemaless values).
   *
   * @throws CatalogException when the schema cannot be a Hive table (names, types), naming topic and field
   */
  public TableDefinition build(String topic, Schema valueSchema) {
    List<HiveColumn> keys = layout.keys().stream().map(k -> new HiveColumn(k.name(), k.type())).toList();
    List<HiveColumn> columns;
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("EXTERNAL", "TRUE");
    TableDefinition.SerDe serde;
    try {
      switch (format) {
        case PARQUET -> {
          columns = HiveTypes.columns(avroSchema(valueSchema, topic));
          serde = new TableDefinition.SerDe(PARQUET_SERDE, Map.of("serialization.format", "1"), PARQUET_INPUT,
              PARQUET_OUTPUT);
          parameters.put("classification", "parquet");
        }
        case AVRO -> {
          org.apache.avro.Schema avro = avroSchema(valueSchema, topic);
          columns = HiveTypes.columns(avro);
          serde = new TableDefinition.SerDe(AVRO_SERDE, Map.of(AVRO_LITERAL, avro.toString()), AVRO_INPUT, AVRO_OUTPUT);
          parameters.put("classification", "avro");
          parameters.put(AVRO_LITERAL, avro.toString());
        }
        case JSON -> {
          if (valueSchema == null) {
            throw new CatalogException("its values have no schema, so the JSON files' columns are unknown (use a"
                + " converter with schemas)");
          }
          columns = HiveTypes.jsonColumns(valueSchema);
          serde = new TableDefinition.SerDe(JSON_SERDE, Map.of(), TEXT_INPUT, TEXT_OUTPUT);
          parameters.put("classification", "json");
          if (config.jsonCompression() == JsonCompression.GZIP) {
            parameters.put("compressionType", "gzip");
          }
        }
        default -> throw new IllegalStateException("Unknown format " + format);
      }
    } catch (CatalogException e) {
      throw new CatalogException("The table of topic '" + topic + "' cannot be built: " + e.getMessage());
    }
    columns = withoutPartitionKeys(topic, columns);
    if (config.getBoolean(S3SinkConfig.GLUE_PROJECTION_CONFIG)) {
      parameters.putAll(layout.projectionParameters(location(topic)));
    }
    return new TableDefinition(database, tableName(topic), location(topic), columns, keys, serde, parameters, null);
  }

  private org.apache.avro.Schema avroSchema(Schema valueSchema, String topic) {
    if (valueSchema != null) {
      return mapper.toAvro(valueSchema);
    }
    org.apache.avro.Schema schemaless = config.schemalessSchema();
    if (schemaless == null) {
      throw new CatalogException("its values have no schema and schemaless.avro.schema is empty");
    }
    return schemaless;
  }

  /**
   * Hive refuses a column that is also a partition key. A field partitioner's key holds the field's own value,
   * so the column is dropped (its value is the key's); any other clash is an error naming both. With envelope rows
   * the default partitioner's {@code partition} key stands for the envelope's {@code partition} column (the same
   * number unless a transform changed the record's partition; the files keep the column either way).
   */
  private List<HiveColumn> withoutPartitionKeys(String topic, List<HiveColumn> columns) {
    Map<String, TableLayout.PartitionKey> keys = new LinkedHashMap<>();
    layout.keys().forEach(k -> keys.put(k.name(), k));
    List<HiveColumn> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (HiveColumn column : columns) {
      if (!seen.add(column.name())) {
        throw new CatalogException("The table of topic '" + topic + "' cannot be built: two fields are named '"
            + column.name() + "' once lower-cased (Glue column names are lower case)");
      }
      TableLayout.PartitionKey key = keys.get(column.name());
      if (key == null) {
        kept.add(column);
      } else if (envelope) {
        // Envelope rows nest the value's fields under `value`: a field partitioner's key is not a column of the
        // row. Only the default partitioner's `partition` key holds a column's number (the record's partition).
        if (!(config.partitioner() == PartitionerKind.DEFAULT && Envelopes.PARTITION.equals(column.name()))) {
          throw new CatalogException("The table of topic '" + topic + "' cannot be built: the envelope column '"
              + column.name() + "' (store.envelope=true) has the name of a partition key from partition.field.name"
              + " or path.format; rename the key (for partition.field.name, use a path.format without it)");
        }
      } else if (!"injected".equals(key.projection().get("type"))) {
        throw new CatalogException("The table of topic '" + topic + "' cannot be built: the field '" + column.name()
            + "' has the name of a partition key from path.format; rename the key in path.format");
      }
    }
    return kept;
  }
}
