package io.streamlake.connect.gsr.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Test-side producer of Glue Schema Registry records (header version 3, compression byte, schema version id, Avro
 * binary), written from the format's description and independent of the converter's own encoder, so that tests
 * (and packaging's real-worker test, where the converter is only in the ZIP) can make input for it.
 */
public final class GsrRecords {

  private GsrRecords() {}

  /** The Avro binary of {@code value} (a generic datum of {@code schema}). */
  public static byte[] avro(Schema schema, Object value) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<>(schema).write(value, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GSR record around {@code payload}; zlib-compressed (compression byte 5) when asked. */
  public static byte[] frame(UUID schemaVersionId, byte[] payload, boolean zlib) {
    byte[] body = payload;
    if (zlib) {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (DeflaterOutputStream out = new DeflaterOutputStream(compressed)) {
        out.write(payload);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      body = compressed.toByteArray();
    }
    return ByteBuffer.allocate(18 + body.length).put((byte) 3).put((byte) (zlib ? 5 : 0))
        .putLong(schemaVersionId.getMostSignificantBits()).putLong(schemaVersionId.getLeastSignificantBits())
        .put(body).array();
  }

  public static byte[] encode(UUID schemaVersionId, Schema schema, Object value, boolean zlib) {
    return frame(schemaVersionId, avro(schema, value), zlib);
  }
}
