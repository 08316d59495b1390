package io.streamlake.connect.s3.source.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turn the rows of a {@link RowSource} into the parts of a {@link StoredRecord}: a value (data files), a key (keys
 * side files), a header list (headers side files) or a whole envelope. Avro rows are converted through an
 * {@link AvroToConnect} built for the file's schema on its first row and reused, by identity, for every further row.
 */
final class RowDecoders {

  /** Envelope fields the reader needs (topic and partition come from the object key). */
  static final List<String> ENVELOPE_FIELDS = List.of("key", "value", "headers", "offset", "timestamp");
  /** The one field of a Parquet keys row ({@code RecordKey}) and of a headers row ({@code RecordHeaders}). */
  static final String KEY_FIELD = "key";
  static final String HEADERS_FIELD = "headers";

  private RowDecoders() {}

  /** A data file's row: the wrapped value unwrapped, or a Struct. */
  static final class Values {
    private final StoredFile file;
    private org.apache.avro.Schema avro;
    private AvroToConnect.Converted converted;

    Values(StoredFile file) {
      this.file = file;
    }

    /** The Connect schema of the row's value; null for JSON (schemaless). */
    Schema schema(Object row) {
      return row instanceof GenericRecord record ? converted(record).schema() : null;
    }

    Object value(Object row) {
      return row instanceof GenericRecord record ? converted(record).reader().read(record) : row;
    }

    private AvroToConnect.Converted converted(GenericRecord record) {
      if (record.getSchema() != avro) {
        try {
          converted = AvroToConnect.forFile(record.getSchema()).topLevel(record.getSchema());
        } catch (DataException e) {
          throw new DataException("Object " + file.objectKey() + ": " + e.getMessage(), e);
        }
        avro = record.getSchema();
      }
      return converted;
    }
  }

  /**
   * A keys side file's rows as the sink writes them (Confluent's layout): Parquet rows are a struct
   * {@code RecordKey} whose one field {@code key} holds the key; an Avro file's datums are the keys themselves, of the
   * file's top-level schema (a string, a {@code [null, bytes]} union, a struct's record); JSON lines rows are the keys
   * as JSON (schemaless).
   */
  static final class SideKeys {
    private final RowSource rows;
    private org.apache.avro.Schema avro;
    private AvroToConnect.Converted converted;
    private int keyPos;

    SideKeys(RowSource rows) {
      this.rows = rows;
    }

    /** The key's Connect schema (null for JSON) and the key, as a pair {schema, key}. */
    Object[] decode(Object row) {
      return switch (rows.file.format()) {
        case JSON, JSON_GZIP -> new Object[] {null, row};
        case AVRO -> {
          prepare(rows.avroSchema(), false);
          yield new Object[] {converted.schema(), converted.reader().read(row)};
        }
        case PARQUET -> {
          if (!(row instanceof GenericRecord record)) {
            throw new DataException("Object " + rows.file.objectKey() + ": a keys row is " + row);
          }
          prepare(record.getSchema(), true);
          yield new Object[] {converted.schema(), converted.reader().read(record.get(keyPos))};
        }
      };
    }

    private void prepare(org.apache.avro.Schema schema, boolean enveloped) {
      if (schema == avro) {
        return;
      }
      try {
        AvroToConnect converter = AvroToConnect.forFile(schema);
        if (enveloped) {
          org.apache.avro.Schema.Field field = schema.getType() == org.apache.avro.Schema.Type.RECORD
              && schema.getFields().size() == 1 ? schema.getField(KEY_FIELD) : null;
          if (field == null) {
            throw new DataException("it is not a keys file: its rows are " + describe(schema)
                + ", expected a struct RecordKey with one field 'key'");
          }
          converted = converter.field(field, KEY_FIELD);
          keyPos = field.pos();
        } else {
          converted = converter.bare(schema);
        }
      } catch (DataException e) {
        throw new DataException("Object " + rows.file.objectKey() + ": " + e.getMessage(), e);
      }
      avro = schema;
    }
  }

  /**
   * A headers side file's rows as the sink writes them (Confluent's layout): each header a {key, value} with the
   * value as text (Connect's Values.convertToString; null stays null), given back as its UTF-8 bytes. Avro datums are
   * the array itself; Parquet rows and JSON lines rows are a struct {@code RecordHeaders} whose one field
   * {@code headers} holds it.
   */
  static final class SideHeaders {
    private final RowSource rows;
    private org.apache.avro.Schema avro;
    private int headersPos;
    private int keyPos;
    private int valuePos;

    SideHeaders(RowSource rows) {
      this.rows = rows;
    }

    List<StoredHeader> decode(Object row) {
      return switch (rows.file.format()) {
        case JSON, JSON_GZIP -> fromJson(row);
        case AVRO -> {
          prepare(rows.avroSchema(), false);
          yield read(row);
        }
        case PARQUET -> {
          if (!(row instanceof GenericRecord record)) {
            throw notHeaders("a " + (row == null ? "null" : row.getClass().getSimpleName()));
          }
          prepare(record.getSchema(), true);
          yield read(record.get(headersPos));
        }
      };
    }

    private void prepare(org.apache.avro.Schema schema, boolean enveloped) {
      if (schema == avro) {
        return;
      }
      org.apache.avro.Schema array = schema;
      if (enveloped) {
        org.apache.avro.Schema.Field field = schema.getType() == org.apache.avro.Schema.Type.RECORD
            && schema.getFields().size() == 1 ? schema.getField(HEADERS_FIELD) : null;
        if (field == null) {
          throw notHeaders(describe(schema));
        }
        headersPos = field.pos();
        array = field.schema();
      }
      array = nonNull(array);
      org.apache.avro.Schema header = array.getType() == org.apache.avro.Schema.Type.ARRAY
          ? nonNull(array.getElementType()) : null;
      if (header == null || header.getType() != org.apache.avro.Schema.Type.RECORD || header.getField("key") == null
          || header.getField("value") == null) {
        throw notHeaders(describe(schema));
      }
      keyPos = header.getField("key").pos();
      valuePos = header.getField("value").pos();
      avro = schema;
    }

    private List<StoredHeader> read(Object datum) {
      if (datum == null) {
        return List.of();
      }
      List<?> items = (List<?>) datum;
      List<StoredHeader> out = new ArrayList<>(items.size());
      for (Object item : items) {
        GenericRecord header = (GenericRecord) item;
        out.add(new StoredHeader(header.get(keyPos).toString(), text(header.get(valuePos))));
      }
      return out;
    }

    private List<StoredHeader> fromJson(Object row) {
      if (!(row instanceof Map<?, ?> map) || map.size() != 1 || !map.containsKey(HEADERS_FIELD)) {
        throw notHeaders(row instanceof Map<?, ?> map ? "JSON objects with the fields " + map.keySet()
            : row == null ? "null" : "a " + row.getClass().getSimpleName());
      }
      Object headers = map.get(HEADERS_FIELD);
      if (headers == null) {
        return List.of();
      }
      if (!(headers instanceof List<?> items)) {
        throw notHeaders("a field 'headers' holding " + headers);
      }
      List<StoredHeader> out = new ArrayList<>(items.size());
      for (Object item : items) {
        if (!(item instanceof Map<?, ?> header) || !(header.get("key") instanceof String key)) {
          throw new DataException("Object " + rows.file.objectKey() + ": a header is " + item
              + ", expected a JSON object with a string key");
        }
        Object value = header.get("value");
        if (value != null && !(value instanceof String)) {
          throw new DataException("Object " + rows.file.objectKey() + ": header '" + key + "' has the value " + value
              + ", expected text or null");
        }
        out.add(new StoredHeader(key, text(value)));
      }
      return out;
    }

    private static byte[] text(Object value) {
      return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private DataException notHeaders(String what) {
      return new DataException("Object " + rows.file.objectKey() + " is not a headers file: expected rows of "
          + (rows.file.format() == StoredFormat.AVRO ? "an array" : "a struct RecordHeaders with one field 'headers'")
          + " of {key, value} headers (as the sink writes them with store.kafka.headers=true), got " + what);
    }
  }

  private static org.apache.avro.Schema nonNull(org.apache.avro.Schema schema) {
    if (schema.getType() != org.apache.avro.Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream().filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).findFirst()
        .orElse(schema);
  }

  private static String describe(org.apache.avro.Schema schema) {
    return schema.getType() == org.apache.avro.Schema.Type.RECORD
        ? schema.getFullName() + " with the fields " + names(schema) : schema.toString();
  }

  /** Reads a header list: an Avro array of header records, or a JSON array of {key, value (base64)} objects. */
  static final class Headers {
    private final int keyPos;
    private final int valuePos;

    private Headers(int keyPos, int valuePos) {
      this.keyPos = keyPos;
      this.valuePos = valuePos;
    }

    /** For a column of Avro schema {@code [null, array<Header>]} or {@code array<Header>}. */
    static Headers of(org.apache.avro.Schema column, StoredFile file) {
      org.apache.avro.Schema array = column;
      if (array.getType() == org.apache.avro.Schema.Type.UNION) {
        array = array.getTypes().stream().filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).findFirst()
            .orElse(array);
      }
      org.apache.avro.Schema header = array.getType() == org.apache.avro.Schema.Type.ARRAY
          ? array.getElementType() : null;
      if (header == null || header.getType() != org.apache.avro.Schema.Type.RECORD || header.getField("key") == null
          || header.getField("value") == null) {
        throw new DataException("Object " + file.objectKey() + ": headers column is " + column
            + ", expected an array of records with the fields key and value");
      }
      return new Headers(header.getField("key").pos(), header.getField("value").pos());
    }

    List<StoredHeader> read(Object datum) {
      if (datum == null) {
        return List.of();
      }
      List<?> items = (List<?>) datum;
      List<StoredHeader> out = new ArrayList<>(items.size());
      for (Object item : items) {
        GenericRecord header = (GenericRecord) item;
        Object value = header.get(valuePos);
        out.add(new StoredHeader(header.get(keyPos).toString(), value == null ? null : AvroToConnect.bytes(value)));
      }
      return out;
    }

    static List<StoredHeader> fromJson(Object datum, StoredFile file) {
      if (datum == null) {
        return List.of();
      }
      if (!(datum instanceof List<?> items)) {
        throw new DataException("Object " + file.objectKey() + ": headers are a " + datum.getClass().getSimpleName()
            + ", expected a JSON array of {key, value} objects");
      }
      List<StoredHeader> out = new ArrayList<>(items.size());
      for (Object item : items) {
        if (!(item instanceof Map<?, ?> header) || !(header.get("key") instanceof String key)) {
          throw new DataException("Object " + file.objectKey() + ": a header is " + item
              + ", expected a JSON object with a string key");
        }
        Object value = header.get("value");
        if (value != null && !(value instanceof String)) {
          throw new DataException("Object " + file.objectKey() + ": header '" + key + "' has the value " + value
              + ", expected base64 text or null");
        }
        try {
          out.add(new StoredHeader(key, value == null ? null : Base64.getDecoder().decode((String) value)));
        } catch (IllegalArgumentException e) {
          throw new DataException("Object " + file.objectKey() + ": header '" + key + "' is not base64: "
              + e.getMessage(), e);
        }
      }
      return out;
    }
  }

  /** Envelope rows (spec section 1): key, value, headers, offset and timestamp of one record each. */
  static final class Envelopes {
    private final StoredFile file;
    private org.apache.avro.Schema avro;
    private AvroToConnect.Converted key;
    private AvroToConnect.Converted value;
    private Headers headers;
    private int keyPos;
    private int valuePos;
    private int headersPos;
    private int offsetPos;
    private int timestampPos;

    Envelopes(StoredFile file) {
      this.file = file;
    }

    StoredRecord decode(Object row) {
      if (row instanceof GenericRecord record) {
        if (record.getSchema() != avro) {
          prepare(record.getSchema());
        }
        Object timestamp = record.get(timestampPos);
        return new StoredRecord(key.schema(), key.reader().read(record.get(keyPos)), value.schema(),
            value.reader().read(record.get(valuePos)), headers.read(record.get(headersPos)),
            ((Number) record.get(offsetPos)).longValue(), timestamp == null ? null : ((Number) timestamp).longValue());
      }
      if (row instanceof Map<?, ?> map && map.containsKey("offset") && map.containsKey("headers")
          && map.containsKey("key") && map.containsKey("value")) {
        Object offset = map.get("offset");
        Object timestamp = map.get("timestamp");
        if (!(offset instanceof Long) || (timestamp != null && !(timestamp instanceof Long))) {
          throw new DataException("Object " + file.objectKey() + ": envelope offset " + offset + " / timestamp "
              + timestamp + " are not whole numbers");
        }
        return new StoredRecord(null, map.get("key"), null, map.get("value"), Headers.fromJson(map.get("headers"),
            file), (Long) offset, (Long) timestamp);
      }
      throw notAnEnvelope(row instanceof Map<?, ?> map ? "a JSON object with the fields " + map.keySet()
          : row == null ? "null" : "a " + row.getClass().getSimpleName());
    }

    private void prepare(org.apache.avro.Schema schema) {
      for (String name : ENVELOPE_FIELDS) {
        if (schema.getField(name) == null) {
          throw notAnEnvelope("rows of " + schema.getFullName() + " with the fields " + names(schema));
        }
      }
      AvroToConnect converter = AvroToConnect.forFile(schema);
      try {
        key = converter.field(schema.getField("key"), "key");
        value = converter.field(schema.getField("value"), "value");
      } catch (DataException e) {
        throw new DataException("Object " + file.objectKey() + ": " + e.getMessage(), e);
      }
      headers = Headers.of(schema.getField("headers").schema(), file);
      keyPos = schema.getField("key").pos();
      valuePos = schema.getField("value").pos();
      headersPos = schema.getField("headers").pos();
      offsetPos = schema.getField("offset").pos();
      timestampPos = schema.getField("timestamp").pos();
      avro = schema;
    }

    private DataException notAnEnvelope(String what) {
      return new DataException("Object " + file.objectKey() + " is not an envelope file: store.envelope=true expects"
          + " rows with the fields " + String.join(", ", ENVELOPE_FIELDS) + " (as the sink writes them with"
          + " store.envelope=true), got " + what);
    }
  }

  private static List<String> names(org.apache.avro.Schema record) {
    return record.getFields().stream().map(org.apache.avro.Schema.Field::name).toList();
  }
}
