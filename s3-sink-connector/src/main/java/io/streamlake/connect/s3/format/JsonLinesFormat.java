package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.config.JsonCompression;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One JSON document per line (optionally gzip). Structs and Maps become objects; Connect Timestamp is
 * epoch milliseconds, Date days since epoch, Time milliseconds of the day (as Confluent's JSON format writes
 * them); decimals are plain JSON numbers (Confluent writes base64 bytes by default; numbers are what a lake
 * query engine can read).
 *
 * <p>A file keeps its lines in a {@link RowBuffer} until they take more than {@code compactMaxBytes}, and opens its
 * (gzip or buffered) stream only then or when it is cut: an open file with a few lines costs their bytes, not a
 * 64 KiB stream buffer (and a gzip deflater). The bytes of the file are the same either way.
 */
public final class JsonLinesFormat implements RecordFormat {

  /** Heap of an opened stream: its 64 KiB buffer (gzip's deflater state is native memory on top). */
  private static final long STREAM_BYTES = 64 * 1024;

  private final JsonCompression compression;
  private final long compactMaxBytes;

  /**
   * @param compactMaxBytes lines are kept in memory until they take more than this; 0 streams from the first line
   */
  public JsonLinesFormat(JsonCompression compression, long compactMaxBytes) {
    this.compression = compression;
    this.compactMaxBytes = compactMaxBytes;
  }

  @Override
  public String extension() {
    return compression == JsonCompression.GZIP ? ".json.gz" : ".json";
  }

  @Override
  public boolean bindsSchema() {
    return false;
  }

  @Override
  public RecordWriter open(OutputStream out, SinkRecord first) {
    return new JsonRecordWriter(out);
  }

  private final class JsonRecordWriter implements RecordWriter {
    private final OutputStream out;
    private final JsonValueWriter values = new JsonValueWriter();
    private RowBuffer lines;
    private CountingOutputStream counting;
    private OutputStream target;
    private long written;

    JsonRecordWriter(OutputStream out) {
      this.out = out;
    }

    @Override
    public Prepared prepare(SinkRecord record) {
      // Render into a buffer first: a record that fails leaves the file unchanged.
      byte[] line;
      try {
        line = values.render(record.value(), record.valueSchema());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return () -> append(line);
    }

    private void append(byte[] line) throws IOException {
      written += line.length + 1;
      if (target == null && written <= compactMaxBytes) {
        if (lines == null) {
          lines = new RowBuffer();
        }
        lines.write(line, 0, line.length);
        lines.write('\n');
        return;
      }
      openTarget();
      target.write(line);
      target.write('\n');
    }

    private void openTarget() throws IOException {
      if (target != null) {
        return;
      }
      counting = new CountingOutputStream(out);
      target = compression == JsonCompression.GZIP
          ? new GZIPOutputStream(counting, 64 * 1024)
          : new BufferedOutputStream(counting, 64 * 1024);
      if (lines != null) {
        lines.writeTo(target);
        lines.release();
        lines = null;
      }
    }

    @Override
    public long size() {
      return target == null ? written : Math.max(counting.count(), written);
    }

    @Override
    public long bufferedBytes() {
      if (target == null) {
        return lines == null ? 0 : lines.allocated();
      }
      return STREAM_BYTES + Math.max(0, written - counting.count());
    }

    @Override
    public void close() throws IOException {
      openTarget();
      target.close();
    }

    @Override
    public void abort() {
      lines = null;
      if (target != null) {
        try {
          target.close(); // releases gzip's native deflater; the upload is aborted already
        } catch (IOException | RuntimeException ignored) {
          // the file is being discarded
        }
      }
    }
  }
}
