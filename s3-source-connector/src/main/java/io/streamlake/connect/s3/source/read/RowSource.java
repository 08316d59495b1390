package io.streamlake.connect.s3.source.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * The rows of one stored file in order: GenericRecords for Parquet and Avro, parsed JSON values (maps, lists,
 * strings, longs, doubles, booleans, null) for JSON lines. Content that cannot be decoded (truncated, corrupt, not
 * the format) is a DataException naming the object.
 */
abstract class RowSource implements Closeable {

  /** Returned by {@link #next()} after the last row (a JSON row may be null). */
  static final Object END = new Object();

  final StoredFile file;
  private long rows;

  RowSource(StoredFile file) {
    this.file = file;
  }

  /** A data file's rows: Avro files must hold records. */
  static RowSource open(StoredFile file) throws IOException {
    return open(file, false);
  }

  /**
   * @param anyAvroSchema whether an Avro file may hold any top-level schema (a side file: a string, a bytes union,
   *     an array of headers), not only records
   */
  static RowSource open(StoredFile file, boolean anyAvroSchema) throws IOException {
    if (!Files.isReadable(file.localPath())) { // Parquet would find out only at the first row
      throw new NoSuchFileException(file.localPath().toString(), null, "no readable local copy of "
          + file.objectKey());
    }
    try {
      return switch (file.format()) {
        case PARQUET -> new ParquetRows(file);
        case AVRO -> new AvroRows(file, anyAvroSchema);
        case JSON -> new JsonRows(file, false);
        case JSON_GZIP -> new JsonRows(file, true);
      };
    } catch (FileSystemException | FileNotFoundException e) {
      throw e; // the local copy is missing or unreadable: not the object's content
    } catch (DataException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, 0, e);
    }
  }

  /** The next row, or {@link #END}. */
  final Object next() {
    try {
      Object row = read();
      if (row != END) {
        rows++;
      }
      return row;
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, rows, e);
    }
  }

  /** The Avro file's top-level schema; null for other formats (a Parquet row carries its own). */
  org.apache.avro.Schema avroSchema() {
    return null;
  }

  /** Rows returned so far. */
  final long rows() {
    return rows;
  }

  abstract Object read() throws IOException;

  static DataException unreadable(StoredFile file, long row, Exception cause) {
    return new DataException("Cannot read " + file.format() + " object " + file.objectKey() + " after " + row
        + " rows (truncated or corrupt?): " + cause, cause);
  }

  /** Parquet through parquet-avro from the local file (no Hadoop FileSystem). */
  private static final class ParquetRows extends RowSource {
    private final ParquetReader<GenericRecord> reader;

    ParquetRows(StoredFile file) throws IOException {
      super(file);
      this.reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file.localPath()))
          .withDataModel(GenericData.get()) // generic records, never a class looked up by the record's name
          .withConf(new PlainParquetConfiguration())
          .build();
    }

    @Override
    Object read() throws IOException {
      GenericRecord record = reader.read();
      return record == null ? END : record;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /**
   * Avro object container files; the record is reused (the readers copy what they keep). Avro's reader takes a
   * file that ends inside a block for a clean end (DataFileStream.hasNext returns false on EOFException), so the end
   * is checked: the last complete block must end where the file does.
   */
  private static final class AvroRows extends RowSource {
    private final DataFileReader<Object> reader;
    private final long length;
    private Object reuse;

    AvroRows(StoredFile file, boolean anyAvroSchema) throws IOException {
      super(file);
      this.length = Files.size(file.localPath());
      this.reader = new DataFileReader<>(file.localPath().toFile(), new GenericDatumReader<>());
      if (!anyAvroSchema && reader.getSchema().getType() != org.apache.avro.Schema.Type.RECORD) {
        reader.close();
        throw new DataException("Object " + file.objectKey() + " holds " + reader.getSchema().getType()
            + " values; the sink writes records");
      }
    }

    @Override
    Object read() throws IOException {
      if (!reader.hasNext()) {
        if (reader.previousSync() != length) {
          throw new IOException("the file ends inside a block: " + (length - reader.previousSync())
              + " bytes after the last complete block, of " + length);
        }
        return END;
      }
      reuse = reader.next(reuse);
      return reuse;
    }

    @Override
    org.apache.avro.Schema avroSchema() {
      return reader.getSchema();
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /** One JSON value per line (a stream of root-level values), optionally gzip. */
  private static final class JsonRows extends RowSource {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonParser parser;

    JsonRows(StoredFile file, boolean gzip) throws IOException {
      super(file);
      InputStream in = new BufferedInputStream(Files.newInputStream(file.localPath()), 64 * 1024);
      try {
        this.parser = FACTORY.createParser(gzip ? new GZIPInputStream(in, 64 * 1024) : in);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
    }

    @Override
    Object read() throws IOException {
      JsonToken token = parser.nextToken();
      return token == null ? END : value(token);
    }

    private Object value(JsonToken token) throws IOException {
      switch (token) {
        case START_OBJECT: {
          Map<String, Object> map = new LinkedHashMap<>();
          for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
            String name = parser.currentName();
            map.put(name, value(parser.nextToken()));
          }
          return map;
        }
        case START_ARRAY: {
          List<Object> list = new ArrayList<>();
          for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            list.add(value(next));
          }
          return list;
        }
        case VALUE_STRING:
          return parser.getText();
        case VALUE_NUMBER_INT:
          // As JsonConverter (schemaless) gives integers: a long; one beyond a long becomes a double.
          if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return Double.valueOf(parser.getDoubleValue());
          }
          return Long.valueOf(parser.getLongValue());
        case VALUE_NUMBER_FLOAT:
          return parser.getDoubleValue();
        case VALUE_TRUE:
          return Boolean.TRUE;
        case VALUE_FALSE:
          return Boolean.FALSE;
        case VALUE_NULL:
          return null;
        default:
          throw new DataException("unexpected JSON token " + token + " at " + parser.getCurrentLocation());
      }
    }

    @Override
    public void close() throws IOException {
      parser.close(); // closes the stream: AUTO_CLOSE_SOURCE is on by default
    }
  }
}
