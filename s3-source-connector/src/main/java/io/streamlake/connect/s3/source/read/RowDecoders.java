package io.streamlake.connect.s3.source.read;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turn the rows of a {@link RowSource} into the parts of a {@link StoredRecord}: a value (data and keys files), a
 * header list (headers side files) or a whole envelope. Avro rows are converted through an {@link AvroToConnect}
 * built for the file's schema on its first row and reused, by identity, for every further row.
 */
final class RowDecoders {

  /** Envelope fields the reader needs (topic and partition come from the object key). */
  static final List<String> ENVELOPE_FIELDS = List.of("key", "value", "headers", "offset", "timestamp");

  private RowDecoders() {}

  /** A value (a data file's row, or a keys side file's row): the wrapped value unwrapped, or a Struct. */
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

  /** A headers side file's rows: a wrapped array of {key, value} header records (Avro), or a JSON array. */
  static final class HeaderRows {
    private final StoredFile file;
    private org.apache.avro.Schema avro;
    private Headers headers;

    HeaderRows(StoredFile file) {
      this.file = file;
    }

    List<StoredHeader> headers(Object row) {
      if (row instanceof GenericRecord record) {
        if (record.getSchema() != avro) {
          org.apache.avro.Schema schema = record.getSchema();
          if (schema.getFields().size() != 1) {
            throw new DataException("Object " + file.objectKey() + " is not a headers file: its rows are "
                + schema.getFullName() + " with fields " + names(schema) + ", expected one field 'value'");
          }
          headers = Headers.of(schema.getFields().get(0).schema(), file);
          avro = schema;
        }
        return headers.read(record.get(0));
      }
      return Headers.fromJson(row, file);
    }
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
