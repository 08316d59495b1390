package io.streamlake.connect.gsr;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.kafka.connect.errors.DataException;

/**
 * The AWS Glue Schema Registry record framing, as AWS's serializer writes it and its deserializer reads it:
 *
 * <pre>
 * byte 0      header version, always 3
 * byte 1      compression: 0 none, 5 zlib
 * bytes 2-17  schema version id, a UUID as two big-endian longs (most significant first)
 * bytes 18-   the payload (Avro binary), zlib-compressed (java.util.zip.Deflater, default level) when byte 1 is 5
 * </pre>
 *
 * Anything else is bad data: {@link #decode} throws a {@link DataException} saying what was wrong, so that
 * {@code errors.tolerance} and a dead letter queue can take the record.
 */
final class WireFormat {

  static final byte HEADER_VERSION = 3;
  static final byte COMPRESSION_NONE = 0;
  static final byte COMPRESSION_ZLIB = 5;
  static final int HEADER_LENGTH = 18;

  /** A decoded record: the schema version id and the (decompressed) payload. */
  record Frame(UUID schemaVersionId, byte[] payload, boolean compressed) {}

  private WireFormat() {}

  static Frame decode(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      throw new DataException("Not a Glue Schema Registry record: " + bytes.length + " bytes, shorter than the "
          + HEADER_LENGTH + "-byte header (version byte, compression byte, 16-byte schema version id)");
    }
    if (bytes[0] != HEADER_VERSION) {
      throw new DataException("Not a Glue Schema Registry record: header version byte is " + unsigned(bytes[0])
          + ", expected " + HEADER_VERSION);
    }
    byte compression = bytes[1];
    if (compression != COMPRESSION_NONE && compression != COMPRESSION_ZLIB) {
      throw new DataException("Glue Schema Registry record with unknown compression byte " + unsigned(compression)
          + " (expected " + COMPRESSION_NONE + " for none or " + COMPRESSION_ZLIB + " for zlib)");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 2, 16);
    UUID id = new UUID(header.getLong(), header.getLong());
    if (compression == COMPRESSION_NONE) {
      return new Frame(id, Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length), false);
    }
    return new Frame(id, inflate(bytes, id), true);
  }

  static byte[] encode(UUID schemaVersionId, byte[] payload, Compression compression) {
    byte[] body = compression == Compression.ZLIB ? deflate(payload) : payload;
    ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + body.length);
    out.put(HEADER_VERSION);
    out.put(compression == Compression.ZLIB ? COMPRESSION_ZLIB : COMPRESSION_NONE);
    out.putLong(schemaVersionId.getMostSignificantBits());
    out.putLong(schemaVersionId.getLeastSignificantBits());
    out.put(body);
    return out.array();
  }

  private static byte[] inflate(byte[] bytes, UUID id) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, 4 * (bytes.length - HEADER_LENGTH)));
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int count = inflater.inflate(buffer);
        if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataException("Glue Schema Registry record of schema version " + id + " says zlib (compression"
              + " byte 5) but its payload is a truncated zlib stream");
        }
        out.write(buffer, 0, count);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new DataException("Glue Schema Registry record of schema version " + id + " says zlib (compression byte"
          + " 5) but its payload is not a valid zlib stream: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static byte[] deflate(byte[] payload) {
    Deflater deflater = new Deflater();
    try {
      deflater.setInput(payload);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, payload.length / 2));
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        int count = deflater.deflate(buffer);
        out.write(buffer, 0, count);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static int unsigned(byte b) {
    return b & 0xff;
  }
}
