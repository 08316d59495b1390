package io.streamlake.connect.s3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/** Test helpers for keys and headers side files: their keys next to a data key, and their rows read back. */
public final class SideFiles {

  private SideFiles() {}

  /** The side file of {@code dataKey} (ending in {@code dataExtension}): {@code part} is keys or headers. */
  public static String sideKey(String dataKey, String dataExtension, String part, String sideExtension) {
    if (!dataKey.endsWith(dataExtension)) {
      throw new AssertionError(dataKey + " does not end with " + dataExtension);
    }
    return dataKey.substring(0, dataKey.length() - dataExtension.length()) + "." + part + sideExtension;
  }

  /** Every datum of an Avro container file (records, strings, arrays: whatever its top-level schema is). */
  public static List<Object> avroRows(byte[] bytes) {
    List<Object> rows = new ArrayList<>();
    try (DataFileReader<Object> reader = new DataFileReader<>(new SeekableByteArrayInput(bytes),
        new GenericDatumReader<>())) {
      reader.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The top-level schema of an Avro container file. */
  public static org.apache.avro.Schema avroSchema(byte[] bytes) {
    try (DataFileReader<Object> reader = new DataFileReader<>(new SeekableByteArrayInput(bytes),
        new GenericDatumReader<>())) {
      return reader.getSchema();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of an (uncompressed) JSON lines file. */
  public static List<String> jsonLines(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  /**
   * Checks that a Parquet data file of {@link Orders} and its Avro keys and headers side files pair up row by row:
   * the same count, key row i is {@code "k" + id} of data row i, headers row i is [{offset, id}].
   *
   * @return the number of rows
   */
  public static int assertOrdersPairUp(String dataKey, Function<String, byte[]> get) throws IOException {
    List<GenericRecord> data = ParquetFiles.read(get.apply(dataKey));
    List<Object> keys = avroRows(get.apply(sideKey(dataKey, ".snappy.parquet", "keys", ".avro")));
    List<Object> headers = avroRows(get.apply(sideKey(dataKey, ".snappy.parquet", "headers", ".avro")));
    if (keys.size() != data.size() || headers.size() != data.size()) {
      throw new AssertionError(dataKey + " has " + data.size() + " rows, its keys file " + keys.size()
          + " and its headers file " + headers.size());
    }
    for (int i = 0; i < data.size(); i++) {
      long id = (Long) data.get(i).get("id");
      if (!("k" + id).equals(String.valueOf(keys.get(i)))) {
        throw new AssertionError(dataKey + " row " + i + " is id " + id + " but its key row is " + keys.get(i));
      }
      List<?> row = (List<?>) headers.get(i);
      GenericRecord header = (GenericRecord) row.get(0);
      if (row.size() != 1 || !"offset".equals(String.valueOf(header.get("key")))
          || !String.valueOf(id).equals(String.valueOf(header.get("value")))) {
        throw new AssertionError(dataKey + " row " + i + " is id " + id + " but its headers row is " + row);
      }
    }
    return data.size();
  }
}
