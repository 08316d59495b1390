package io.streamlake.connect.gsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.gsr.testing.GsrRecords;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  private static final UUID ID = UUID.fromString("01234567-89ab-cdef-fedc-ba9876543210");
  private static final byte[] PAYLOAD =
      "some avro bytes, repeated, repeated, repeated".getBytes(StandardCharsets.UTF_8);

  @Test
  void testLayoutIsVersionCompressionIdPayload() {
    byte[] bytes = WireFormat.encode(ID, new byte[] {42}, Compression.NONE);
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("030001234567" + "89abcdeffedcba9876543210" + "2a");
  }

  @Test
  void testDecodesBothCompressions() {
    for (Compression compression : Compression.values()) {
      WireFormat.Frame frame = WireFormat.decode(WireFormat.encode(ID, PAYLOAD, compression));
      assertThat(frame.schemaVersionId()).isEqualTo(ID);
      assertThat(frame.payload()).isEqualTo(PAYLOAD);
      assertThat(frame.compressed()).isEqualTo(compression == Compression.ZLIB);
    }
  }

  @Test
  void testZlibFramingMatchesAnIndependentDeflaterStream() {
    assertThat(WireFormat.encode(ID, PAYLOAD, Compression.ZLIB)).isEqualTo(GsrRecords.frame(ID, PAYLOAD, true));
  }

  @Test
  void testShortRecordIsBadData() {
    assertThatThrownBy(() -> WireFormat.decode(new byte[] {3, 0, 1})).isInstanceOf(DataException.class)
        .hasMessageContaining("3 bytes, shorter than the 18-byte header");
  }

  @Test
  void testHeaderVersionOtherThanThreeIsBadData() {
    byte[] bytes = WireFormat.encode(ID, PAYLOAD, Compression.NONE);
    bytes[0] = (byte) 0xff;
    assertThatThrownBy(() -> WireFormat.decode(bytes)).isInstanceOf(DataException.class)
        .hasMessageContaining("header version byte is 255, expected 3");
  }

  @Test
  void testCorruptZlibPayloadIsBadDataNamingTheId() {
    byte[] bytes = WireFormat.encode(ID, PAYLOAD, Compression.ZLIB);
    bytes[20] ^= 0x55;
    assertThatThrownBy(() -> WireFormat.decode(bytes)).isInstanceOf(DataException.class)
        .hasMessageContaining(ID.toString()).hasMessageContaining("zlib");
    byte[] truncated = Arrays.copyOf(WireFormat.encode(ID, PAYLOAD, Compression.ZLIB), 24);
    assertThatThrownBy(() -> WireFormat.decode(truncated)).isInstanceOf(DataException.class)
        .hasMessageContaining("truncated zlib stream");
  }
}
