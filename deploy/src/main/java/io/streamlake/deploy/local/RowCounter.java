package io.streamlake.deploy.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;

/**
 * Counts the rows of a file the sink wrote, by its extension: Parquet from the footer's row count (no data pages
 * read), JSON lines by line, Avro container files by record. Returns -1 for an unknown kind.
 */
public final class RowCounter {

  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private RowCounter() {}

  public static long count(String key, byte[] bytes) throws IOException {
    if (key.endsWith(".parquet")) {
      return parquetRows(bytes);
    }
    if (key.endsWith(".json.gz")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        return lines(in.readAllBytes());
      }
    }
    if (key.endsWith(".json") || key.endsWith(".jsonl")) {
      return lines(bytes);
    }
    if (key.endsWith(".avro")) {
      long rows = 0;
      try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(bytes),
          new GenericDatumReader<>())) {
        while (in.hasNext()) {
          in.next();
          rows++;
        }
      }
      return rows;
    }
    return -1;
  }

  /**
   * The length of the Thrift-encoded footer of a Parquet file, from the file's last bytes ({@code tail}): Parquet
   * ends with the footer, its 4-byte little-endian length and the magic "PAR1".
   */
  public static int parquetFooterLength(byte[] tail) throws IOException {
    int n = tail.length;
    if (n < 8 || !endsWithMagic(tail)) {
      throw new IOException("not a Parquet file (no PAR1 trailer)");
    }
    int footerLength = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (footerLength <= 0) {
      throw new IOException("corrupt Parquet footer length " + footerLength);
    }
    return footerLength;
  }

  /** The row count in the footer; {@code tail} holds at least the file's last footer length + 8 bytes. */
  public static long parquetRows(byte[] tail) throws IOException {
    int footerLength = parquetFooterLength(tail);
    int footerStart = tail.length - 8 - footerLength;
    if (footerStart < 0) {
      throw new IOException("the Parquet footer (" + footerLength + " bytes) is longer than the bytes given");
    }
    FileMetaData metaData = Util.readFileMetaData(new ByteArrayInputStream(tail, footerStart, footerLength));
    return metaData.getNum_rows();
  }

  private static boolean endsWithMagic(byte[] bytes) {
    for (int i = 0; i < 4; i++) {
      if (bytes[bytes.length - 4 + i] != PARQUET_MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static long lines(byte[] bytes) {
    long lines = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        lines++;
      }
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
      lines++;
    }
    return lines;
  }
}
