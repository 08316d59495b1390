package io.streamlake.connect.s3.source.read;

import java.io.IOException;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Opens readers over the files the S3 sink wrote, giving back the records as it stored them: envelope rows
 * ({@code store.envelope=true}: key, value, headers, offset and timestamp in each row) or plain values with the
 * optional keys and headers side files ({@code store.kafka.keys} / {@code store.kafka.headers}, Confluent's layout)
 * zipped in row by row. Side-file header values are the text the layout stores (Values.convertToString, so bytes
 * values as base64 text), given back as its UTF-8 bytes. Stateless; each reader it opens is not thread-safe.
 */
public final class StoredFileReaders {

  private final boolean envelope;

  /** @param envelope whether the files are envelope rows, as the sink's {@code store.envelope} had it */
  public StoredFileReaders(boolean envelope) {
    this.envelope = envelope;
  }

  /** A data file and, when given, its keys and headers side files (null when absent). */
  public RecordReader open(StoredFile data, StoredFile keys, StoredFile headers) throws IOException {
    if (envelope && (keys != null || headers != null)) {
      throw new IllegalArgumentException("Envelope files (store.envelope=true) have no side files; got "
          + (keys != null ? keys.objectKey() : headers.objectKey()) + " for " + data.objectKey());
    }
    RowSource dataRows = RowSource.open(data);
    if (envelope) {
      return new EnvelopeReader(dataRows);
    }
    RowSource keyRows = null;
    try {
      keyRows = keys == null ? null : RowSource.open(keys, true);
      RowSource headerRows = headers == null ? null : RowSource.open(headers, true);
      return new PlainReader(dataRows, keyRows, headerRows);
    } catch (IOException | RuntimeException e) {
      closeQuietly(keyRows, e);
      closeQuietly(dataRows, e);
      throw e;
    }
  }

  private static void closeQuietly(RowSource rows, Exception failure) {
    if (rows != null) {
      try {
        rows.close();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private static final class EnvelopeReader implements RecordReader {
    private final RowSource rows;
    private final RowDecoders.Envelopes envelopes;

    EnvelopeReader(RowSource rows) {
      this.rows = rows;
      this.envelopes = new RowDecoders.Envelopes(rows.file);
    }

    @Override
    public StoredRecord next() {
      Object row = rows.next();
      if (row == RowSource.END) {
        return null;
      }
      try {
        return envelopes.decode(row);
      } catch (DataException e) {
        throw rowFailed(rows, e);
      } catch (RuntimeException e) { // e.g. a ClassCastException on content the schema does not describe
        throw rowFailed(rows, e);
      }
    }

    @Override
    public void close() throws IOException {
      rows.close();
    }
  }

  /** A data file's values, zipped row by row with its keys and headers side files when given. */
  private static final class PlainReader implements RecordReader {
    private final RowSource data;
    private final RowSource keys;
    private final RowSource headers;
    private final RowDecoders.Values values;
    private final RowDecoders.SideKeys keyRows;
    private final RowDecoders.SideHeaders headerRows;

    PlainReader(RowSource data, RowSource keys, RowSource headers) {
      this.data = data;
      this.keys = keys;
      this.headers = headers;
      this.values = new RowDecoders.Values(data.file);
      this.keyRows = keys == null ? null : new RowDecoders.SideKeys(keys);
      this.headerRows = headers == null ? null : new RowDecoders.SideHeaders(headers);
    }

    @Override
    public StoredRecord next() {
      Object row = data.next();
      Object keyRow = keys == null ? null : keys.next();
      Object headerRow = headers == null ? null : headers.next();
      boolean end = row == RowSource.END;
      checkAligned(end, keys, keyRow);
      checkAligned(end, headers, headerRow);
      if (end) {
        return null;
      }
      Schema keySchema = null;
      Object key = null;
      if (keys != null) {
        try {
          Object[] decoded = keyRows.decode(keyRow);
          keySchema = (Schema) decoded[0];
          key = decoded[1];
        } catch (RuntimeException e) {
          throw rowFailed(keys, e);
        }
      }
      List<StoredHeader> headerList = List.of();
      if (headers != null) {
        try {
          headerList = headerRows.decode(headerRow);
        } catch (RuntimeException e) {
          throw rowFailed(headers, e);
        }
      }
      try {
        return new StoredRecord(keySchema, key, values.schema(row), values.value(row), headerList, -1L, null);
      } catch (RuntimeException e) {
        throw rowFailed(data, e);
      }
    }

    /** A side file has as many rows as its data file: both end together. */
    private void checkAligned(boolean dataEnded, RowSource side, Object sideRow) {
      if (side != null && dataEnded != (sideRow == RowSource.END)) {
        throw new DataException("Row count mismatch: data object " + data.file.objectKey() + " has "
            + (dataEnded ? data.rows() + " rows but side object " + side.file.objectKey() + " has more"
                : "more rows than side object " + side.file.objectKey() + " (" + side.rows() + " rows)"));
      }
    }

    @Override
    public void close() throws IOException {
      IOException failure = null;
      for (RowSource rows : new RowSource[] {data, keys, headers}) {
        if (rows == null) {
          continue;
        }
        try {
          rows.close();
        } catch (IOException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** A row that does not decode: a DataException naming the object and the row (1-based). */
  private static DataException rowFailed(RowSource rows, RuntimeException cause) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (cause instanceof DataException && message.contains(rows.file.objectKey())) {
      return (DataException) cause;
    }
    return new DataException("Object " + rows.file.objectKey() + " row " + rows.rows() + ": " + message, cause);
  }
}
