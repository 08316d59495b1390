package io.streamlake.connect.s3.format;

import io.streamlake.connect.s3.config.JsonCompression;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One JSON document per line (optionally gzip). Structs and Maps become objects; Connect Timestamp is
 * epoch milliseconds, Date days since epoch, Time milliseconds of the day (as Confluent's JSON format writes
 * them); decimals are plain JSON numbers (Confluent writes base64 bytes by default; numbers are what a lake
 * query engine can read).
 */
public final class JsonLinesFormat implements RecordFormat {

  private final JsonCompression compression;

  public JsonLinesFormat(JsonCompression compression) {
    this.compression = compression;
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
  public RecordWriter open(OutputStream out, SinkRecord first) throws IOException {
    CountingOutputStream counting = new CountingOutputStream(out);
    OutputStream target = compression == JsonCompression.GZIP
        ? new GZIPOutputStream(counting, 64 * 1024)
        : new BufferedOutputStream(counting, 64 * 1024);
    return new JsonRecordWriter(target, counting);
  }

  private static final class JsonRecordWriter implements RecordWriter {
    private final OutputStream target;
    private final CountingOutputStream counting;
    private final JsonValueWriter values = new JsonValueWriter();
    private long written;

    JsonRecordWriter(OutputStream target, CountingOutputStream counting) {
      this.target = target;
      this.counting = counting;
    }

    @Override
    public void write(SinkRecord record) throws IOException {
      // Render into a buffer first: a record that fails leaves the file unchanged.
      byte[] line = values.render(record.value(), record.valueSchema());
      target.write(line);
      target.write('\n');
      written += line.length + 1;
    }

    @Override
    public long size() {
      return Math.max(counting.count(), written);
    }

    @Override
    public long bufferedBytes() {
      return Math.max(0, written - counting.count());
    }

    @Override
    public void close() throws IOException {
      target.close();
    }
  }
}
