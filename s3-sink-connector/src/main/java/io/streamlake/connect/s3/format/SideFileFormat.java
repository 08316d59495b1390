package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.config.FormatKind;
import io.streamlake.connect.s3.record.RecordLabel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The keys or headers files written next to each data file ({@code store.kafka.keys}, {@code store.kafka.headers}),
 * in the layout of Confluent's S3 sink so that its readers (and ours) pair them by name: the data key without its
 * extension, then {@code .keys} or {@code .headers}, then this format's extension. Row i belongs to row i of the
 * data file. What a row holds depends on the format, as in Confluent's sink:
 *
 * <ul>
 *   <li>keys, Avro and JSON lines: the key itself with the key schema (an Avro file of {@code "string"} for string
 *       keys); Parquet: a struct {@code RecordKey} with one field {@code key}.
 *   <li>headers, Avro: an array of {@code {key: string, value: string}}; JSON lines and Parquet: a struct
 *       {@code RecordHeaders} with one field {@code headers} holding that array. A value is Connect's
 *       {@link Values#convertToString} of the header (null stays null; an empty array when a record has none).
 * </ul>
 *
 * A key without a schema is written as optional bytes (byte[], ByteBuffer, null) or an optional string; JSON lines
 * also writes any other schemaless key as it is. Stateless and thread-safe, like the formats it writes through.
 */
public final class SideFileFormat {

  /** Which side file: its name part and its row. */
  public enum Kind {
    KEYS("keys", "store.kafka.keys"),
    HEADERS("headers", "store.kafka.headers");

    private final String part;
    private final String option;

    Kind(String part, String option) {
      this.part = part;
      this.option = option;
    }

    /** The part of the file name between the base name and the extension, e.g. {@code keys}. */
    public String part() {
      return part;
    }
  }

  static final String KEY_FIELD = "key";
  static final String KEY_STRUCT = "RecordKey";
  static final String HEADERS_FIELD = "headers";
  static final String HEADERS_STRUCT = "RecordHeaders";

  /** One header: its key and its value as a string (Confluent's header struct, with the value optional). */
  public static final Schema HEADER_SCHEMA = SchemaBuilder.struct()
      .field("key", Schema.STRING_SCHEMA)
      .field("value", Schema.OPTIONAL_STRING_SCHEMA)
      .build();
  public static final Schema HEADERS_SCHEMA = SchemaBuilder.array(HEADER_SCHEMA).build();
  private static final Schema HEADERS_ENVELOPE = SchemaBuilder.struct().name(HEADERS_STRUCT)
      .field(HEADERS_FIELD, HEADERS_SCHEMA).build();

  private final Kind kind;
  private final FormatKind formatKind;
  private final RecordFormat format;

  /**
   * @param format the format the side files are written with; for Avro one writing bare datums
   *     ({@link AvroFormat#bare}), since an Avro side file's rows are not wrapped in a record
   */
  public SideFileFormat(Kind kind, FormatKind formatKind, RecordFormat format) {
    this.kind = kind;
    this.formatKind = formatKind;
    this.format = format;
  }

  public Kind kind() {
    return kind;
  }

  /** What follows the base name: {@code .keys.avro}, {@code .headers.snappy.parquet}, ... */
  public String extension() {
    return "." + kind.part + format.extension();
  }

  /** The side file's key next to a data file's key (a variant data key gives the same variant). */
  public String keyFor(String dataKey, String dataExtension) {
    if (!dataKey.endsWith(dataExtension)) {
      throw new IllegalArgumentException(dataKey + " does not end with " + dataExtension);
    }
    return dataKey.substring(0, dataKey.length() - dataExtension.length()) + extension();
  }

  /** Opens the side file of a data file whose first record is {@code first}. Nothing is written yet. */
  public RecordWriter open(OutputStream out, SinkRecord first) throws IOException {
    View view = new View();
    return new SideWriter(format.open(out, view.of(first)), view);
  }

  /** Releases what the underlying format holds; called when the task stops. */
  public void close() {
    format.close();
  }

  private boolean enveloped() {
    return switch (formatKind) {
      case PARQUET -> true;
      case JSON -> kind == Kind.HEADERS;
      case AVRO -> false;
    };
  }

  /** Turns a record into one whose value is its side-file row (per writer: it caches the last key envelope). */
  private final class View {
    private Schema lastKeySchema;
    private Schema lastKeyEnvelope;

    SinkRecord of(SinkRecord record) {
      Schema schema;
      Object value;
      if (kind == Kind.KEYS) {
        schema = keySchema(record);
        value = record.key();
        if (enveloped()) {
          schema = keyEnvelope(schema);
          value = new Struct(schema).put(KEY_FIELD, value);
        }
      } else {
        List<Struct> headers = new ArrayList<>();
        for (Header header : record.headers()) {
          headers.add(new Struct(HEADER_SCHEMA).put("key", header.key())
              .put("value", Values.convertToString(header.schema(), header.value())));
        }
        schema = HEADERS_SCHEMA;
        value = headers;
        if (enveloped()) {
          schema = HEADERS_ENVELOPE;
          value = new Struct(HEADERS_ENVELOPE).put(HEADERS_FIELD, headers);
        }
      }
      return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
          value, record.timestamp(), record.headers());
    }

    private Schema keySchema(SinkRecord record) {
      if (record.keySchema() != null) {
        return record.keySchema();
      }
      Object key = record.key();
      if (formatKind == FormatKind.JSON) {
        return null; // JSON lines writes a schemaless key as it is
      }
      if (key == null || key instanceof byte[] || key instanceof ByteBuffer) {
        return Schema.OPTIONAL_BYTES_SCHEMA;
      }
      if (key instanceof String) {
        return Schema.OPTIONAL_STRING_SCHEMA;
      }
      throw new DataException(RecordLabel.of(record) + " has a key without a schema of type "
          + key.getClass().getName() + "; " + kind.option + " writes schemaless keys only as bytes or strings to "
          + formatKind.wireName() + " keys files: use a key.converter with schemas (e.g. JsonConverter with"
          + " key.converter.schemas.enable=true, or Avro), a ByteArrayConverter or StringConverter key.converter,"
          + " or keys.format.class=json");
    }

    private Schema keyEnvelope(Schema keySchema) {
      if (keySchema != lastKeySchema || lastKeyEnvelope == null) {
        lastKeyEnvelope = SchemaBuilder.struct().name(KEY_STRUCT).field(KEY_FIELD, keySchema).build();
        lastKeySchema = keySchema;
      }
      return lastKeyEnvelope;
    }
  }

  /** Writes a data file's side rows through the side file's format. */
  private final class SideWriter implements RecordWriter {
    private final RecordWriter inner;
    private final View view;

    SideWriter(RecordWriter inner, View view) {
      this.inner = inner;
      this.view = view;
    }

    @Override
    public Prepared prepare(SinkRecord record) {
      try {
        return inner.prepare(view.of(record));
      } catch (DataException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains(kind.option)) {
          throw e;
        }
        throw new DataException(RecordLabel.of(record) + ": its " + kind.part + " cannot be written to the "
            + formatKind.wireName() + " " + kind.part + " file (" + kind.option + "): " + message, e);
      }
    }

    @Override
    public long size() {
      return inner.size();
    }

    @Override
    public long bufferedBytes() {
      return inner.bufferedBytes();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }

    @Override
    public void abort() {
      inner.abort();
    }
  }
}
