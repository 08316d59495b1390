package io.streamlake.connect.s3.record;

import io.streamlake.common.LruCache;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Envelope rows ({@code store.envelope=true}): one row per record holding its key, value, headers, original topic,
 * partition, offset and timestamp, so that the S3 source connector can replay what Kafka had. The row schema is
 * a struct named {@value #ENVELOPE_NAME} with the fields of {@link #FIELDS} in that order; it is the row's value
 * schema for everything downstream (schema-change cuts, Avro/Parquet mapping, the catalog's columns).
 *
 * <p>The row itself is a {@link LinkedHashMap} in field order, not a {@link org.apache.kafka.connect.data.Struct}:
 * the formats match fields by name either way, and a Struct would validate the whole value on every put (and
 * refuse a value struct whose schema differs from the field's only in being optional).
 *
 * <ul>
 *   <li>{@code key}: the key schema made optional; without a key schema a byte[]/ByteBuffer/null key is
 *   OPTIONAL_BYTES and a String key OPTIONAL_STRING.</li>
 *   <li>{@code value}: the value schema made optional. A tombstone (null value, kept with
 *   {@code behavior.on.null.values=write}) takes the value schema of the open files of its topic-partition, so it
 *   never forces a new file; when none is open it is OPTIONAL_BYTES. The rule depends only on the files, so a
 *   replay of an epoch builds the same rows.</li>
 *   <li>{@code headers}: every header in record order, an empty array when none. A header value is stored as
 *   bytes: null stays null, byte[]/ByteBuffer as is, String as UTF-8, anything else as the UTF-8 of
 *   {@link Values#convertToString}.</li>
 * </ul>
 *
 * <p>Schemaless records (no value schema, or no key schema with a key that is not bytes or a string) become a row
 * without a schema for JSON lines (the same map, key and value as the converter gave them); Parquet and Avro
 * cannot hold them and the record is reported ({@link DataException} naming the options involved).
 */
public final class Envelopes implements RowShape {

  public static final String ENVELOPE_NAME = "io.streamlake.connect.s3.Envelope";
  public static final String HEADER_NAME = "io.streamlake.connect.s3.Header";
  public static final String KEY = "key";
  public static final String VALUE = "value";
  public static final String HEADERS = "headers";
  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";
  public static final String TIMESTAMP = "timestamp";
  /** The envelope's fields, in order. */
  public static final List<String> FIELDS = List.of(KEY, VALUE, HEADERS, TOPIC, PARTITION, OFFSET, TIMESTAMP);

  public static final Schema HEADER_SCHEMA = SchemaBuilder.struct().name(HEADER_NAME)
      .field(KEY, Schema.STRING_SCHEMA)
      .field(VALUE, Schema.OPTIONAL_BYTES_SCHEMA)
      .build();
  public static final Schema HEADERS_SCHEMA = SchemaBuilder.array(HEADER_SCHEMA).optional().build();
  public static final Schema TIMESTAMP_SCHEMA = Timestamp.builder().optional().build();

  private static final int CACHE_SIZE = 256;
  private static final boolean ORIGINALS_KNOWN = originalsKnown();

  private final boolean schemaBound;
  private final String formatName;
  /** Envelope schemas by the identity of (key schema, value schema): converters reuse schema instances. */
  private final LruCache<SchemaPair, Schema> schemas = new LruCache<>(CACHE_SIZE);

  /**
   * @param schemaBound whether the format binds a file to one schema (Parquet, Avro): schemaless rows are errors
   * @param formatName the {@code format.class} value, for error messages
   */
  public Envelopes(boolean schemaBound, String formatName) {
    this.schemaBound = schemaBound;
    this.formatName = formatName;
  }

  @Override
  public SinkRecord row(SinkRecord record, Schema fileSchema) {
    Object value = record.value();
    Schema valueSchema;
    if (value == null) {
      valueSchema = fileSchema != null && ENVELOPE_NAME.equals(fileSchema.name())
          ? fileSchema.field(VALUE).schema() : schemaBound ? Schema.OPTIONAL_BYTES_SCHEMA : null;
    } else {
      valueSchema = record.valueSchema();
      if (valueSchema == null && schemaBound) {
        throw new DataException(RecordLabel.of(record) + " has a value without a schema (a " + typeName(value)
            + "); store.envelope=true with format.class=" + formatName + " needs a value.converter that gives"
            + " schemas (e.g. value.converter.schemas.enable=true), or format.class=json");
      }
    }
    Schema keySchema = keySchema(record);
    if (keySchema == null && schemaBound) {
      throw new DataException(RecordLabel.of(record) + " has a key without a schema (a " + typeName(record.key())
          + "); store.envelope=true with format.class=" + formatName + " needs a key.converter that gives"
          + " schemas, or a byte[] or String key (e.g. key.converter=StringConverter), or format.class=json");
    }
    Schema envelope = keySchema == null || valueSchema == null ? null : envelopeSchema(keySchema, valueSchema);
    // The record's own headers object is passed on (never modified): the shorter newRecord would copy it.
    return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), envelope,
        content(record), record.timestamp(), record.headers());
  }

  /** The envelope schema of rows with these key and value schemas (either may be optional already). */
  public Schema envelopeSchema(Schema keySchema, Schema valueSchema) {
    SchemaPair pair = new SchemaPair(keySchema, valueSchema);
    Schema cached = schemas.get(pair);
    if (cached == null) {
      cached = SchemaBuilder.struct().name(ENVELOPE_NAME)
          .field(KEY, optional(keySchema))
          .field(VALUE, optional(valueSchema))
          .field(HEADERS, HEADERS_SCHEMA)
          .field(TOPIC, Schema.STRING_SCHEMA)
          .field(PARTITION, Schema.INT32_SCHEMA)
          .field(OFFSET, Schema.INT64_SCHEMA)
          .field(TIMESTAMP, TIMESTAMP_SCHEMA)
          .build();
      schemas.put(pair, cached);
    }
    return cached;
  }

  /** The key field's schema, or null when the key has none and is not bytes or a string. */
  private static Schema keySchema(SinkRecord record) {
    if (record.keySchema() != null) {
      return record.keySchema();
    }
    Object key = record.key();
    if (key == null || key instanceof byte[] || key instanceof ByteBuffer) {
      return Schema.OPTIONAL_BYTES_SCHEMA;
    }
    if (key instanceof String) {
      return Schema.OPTIONAL_STRING_SCHEMA;
    }
    return null;
  }

  private static Map<String, Object> content(SinkRecord record) {
    Map<String, Object> row = new LinkedHashMap<>(16);
    row.put(KEY, record.key());
    row.put(VALUE, record.value());
    row.put(HEADERS, headers(record));
    // Before Connect 3.6 there are no original coordinates; there the sink refuses renamed records anyway.
    row.put(TOPIC, ORIGINALS_KNOWN ? record.originalTopic() : record.topic());
    row.put(PARTITION, ORIGINALS_KNOWN ? record.originalKafkaPartition() : record.kafkaPartition());
    row.put(OFFSET, ORIGINALS_KNOWN ? record.originalKafkaOffset() : record.kafkaOffset());
    row.put(TIMESTAMP, record.timestamp() == null ? null : new Date(record.timestamp()));
    return row;
  }

  private static List<Object> headers(SinkRecord record) {
    if (record.headers().isEmpty()) {
      return List.of();
    }
    List<Object> headers = new ArrayList<>(record.headers().size());
    for (Header header : record.headers()) {
      Map<String, Object> entry = new LinkedHashMap<>(4);
      entry.put(KEY, header.key());
      entry.put(VALUE, headerBytes(header));
      headers.add(entry);
    }
    return headers;
  }

  /** A header's value as the bytes the envelope stores (see the class comment). */
  public static byte[] headerBytes(Header header) {
    Object value = header.value();
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return Values.convertToString(header.schema(), value).getBytes(StandardCharsets.UTF_8);
  }

  /** The same schema, optional (called once per envelope schema built, so not cached itself). */
  static Schema optional(Schema schema) {
    if (schema.isOptional()) {
      return schema;
    }
    Schema.Type type = schema.type();
    List<Field> fields = type == Schema.Type.STRUCT ? schema.fields() : null;
    Schema keySchema = type == Schema.Type.MAP ? schema.keySchema() : null;
    Schema valueSchema = type == Schema.Type.MAP || type == Schema.Type.ARRAY ? schema.valueSchema() : null;
    return new ConnectSchema(type, true, schema.defaultValue(), schema.name(), schema.version(), schema.doc(),
        schema.parameters(), fields, keySchema, valueSchema);
  }

  private static boolean originalsKnown() {
    try {
      SinkRecord.class.getMethod("originalTopic");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  /** A pair of schemas compared by identity (equality would hash whole schema trees for every record). */
  private record SchemaPair(Schema key, Schema value) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SchemaPair pair && pair.key == key && pair.value == value;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(key) + System.identityHashCode(value);
    }
  }
}
