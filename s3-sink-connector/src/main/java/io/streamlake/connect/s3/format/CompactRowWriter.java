package io.streamlake.connect.s3.format;

import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A file of a schema-bound format (Parquet, Avro) that holds its rows compactly until it is large: while its
 * rows take at most {@code compactMaxBytes} as Avro binary they stay in a {@link RowBuffer} (at most 1.5 x their
 * size, no encoder allocated); past that, or when the file is closed, the streaming encoder is opened and the
 * buffered rows are replayed into it in order, so the file holds exactly what writing each row straight into
 * the encoder would have produced. Later rows go straight to the encoder.
 */
final class CompactRowWriter implements RecordWriter {

  /** The writer's own fields and its Avro datum writer: what an open file costs besides its rows. */
  static final long FIXED_BYTES = 256;

  private final Schema schema;
  private final RowMapping mapping;
  private final String formatName;
  private final long compactMaxBytes;
  private final RowEncoder.Opener opener;
  private RowBuffer rows;
  private long rowCount;
  private GenericDatumWriter<Object> rowWriter;
  private BinaryEncoder encoder;
  private RowEncoder streaming;

  /**
   * @param compactMaxBytes rows are kept compact until they take more than this; 0 streams from the first row
   */
  CompactRowWriter(Schema schema, RowMapping mapping, String formatName, long compactMaxBytes,
      RowEncoder.Opener opener) {
    this.schema = schema;
    this.mapping = mapping;
    this.formatName = formatName;
    this.compactMaxBytes = compactMaxBytes;
    this.opener = opener;
  }

  @Override
  public Prepared prepare(SinkRecord record) {
    Object row = mapping.row(record);
    return () -> append(row, record);
  }

  private void append(Object row, SinkRecord record) throws IOException {
    if (streaming == null && compactMaxBytes <= 0) {
      streaming = opener.open();
    }
    if (streaming != null) {
      writeStreaming(row, record);
      return;
    }
    buffer(row, record);
    if (rows.size() > compactMaxBytes) {
      startStreaming();
    }
  }

  private void writeStreaming(Object row, SinkRecord record) throws IOException {
    try {
      streaming.write(row);
    } catch (EncoderFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EncoderFailure(formatName, label(record), e);
    }
  }

  private void buffer(Object row, SinkRecord record) {
    if (rows == null) {
      rows = new RowBuffer();
      rowWriter = new GenericDatumWriter<>(schema, GenericData.get());
    }
    long mark = rows.size();
    rowCount++;
    try {
      encoder = EncoderFactory.get().directBinaryEncoder(rows, encoder);
      rowWriter.write(row, encoder);
    } catch (IOException | RuntimeException e) {
      // The row mapped cleanly, so the streaming encoder would have failed on it too: the task stops, as it would.
      rows.truncate(mark);
      rowCount--;
      throw new EncoderFailure(formatName, label(record),
          e instanceof RuntimeException r ? r : new IllegalStateException(e));
    }
  }

  /** Opens the encoder and replays the buffered rows into it, in order; the buffer is then released. */
  private void startStreaming() throws IOException {
    RowEncoder opened = opener.open();
    if (rows != null) {
      GenericDatumReader<Object> reader = new GenericDatumReader<>(schema, schema, GenericData.get());
      InputStream in = rows.reader();
      BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(in, null);
      for (long i = 0; i < rowCount; i++) {
        // No reuse of decoded rows: an encoder may keep references to their values (Parquet dictionaries).
        Object row = reader.read(null, decoder);
        try {
          opened.write(row);
        } catch (EncoderFailure e) {
          throw e;
        } catch (RuntimeException e) {
          throw new EncoderFailure(formatName, "a buffered row", e);
        }
      }
      rows.release();
      rows = null;
      rowCount = 0;
      rowWriter = null;
      encoder = null;
    }
    streaming = opened;
  }

  @Override
  public long size() {
    return streaming != null ? streaming.size() : rows == null ? 0 : rows.size();
  }

  @Override
  public long bufferedBytes() {
    return FIXED_BYTES + (streaming != null ? streaming.bufferedBytes() : rows == null ? 0 : rows.allocated());
  }

  @Override
  public void close() throws IOException {
    if (streaming == null) {
      startStreaming();
    }
    streaming.close();
  }

  @Override
  public void abort() {
    if (rows != null) {
      rows.release();
      rows = null;
    }
    if (streaming != null) {
      try {
        streaming.close();
      } catch (IOException | RuntimeException ignored) {
        // the file is being discarded; its upload is aborted already
      }
    }
  }

  /** Maps a record to the Avro datum of the file's schema; a DataException when it cannot. */
  @FunctionalInterface
  interface RowMapping {
    Object row(SinkRecord record);
  }

  private static String label(SinkRecord record) {
    return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
  }
}
