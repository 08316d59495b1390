package io.streamlake.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowBufferTest {

  @Test
  void allocatesNothingBeforeTheFirstByte() {
    assertThat(new RowBuffer().allocated()).isZero();
  }

  @Test
  void neverHoldsMoreThanOneAndAHalfTimesItsBytesPlusOneSmallChunk() {
    RowBuffer buffer = new RowBuffer();
    Random random = new Random(7);
    byte[] row = new byte[1000];
    for (int i = 0; i < 20_000; i++) {
      buffer.write(row, 0, 1 + random.nextInt(row.length));
      assertThat(buffer.allocated()).isLessThanOrEqualTo(RowBuffer.MIN_CHUNK + buffer.size() * 3 / 2);
    }
    assertThat(buffer.size()).isGreaterThan(5L * RowBuffer.MAX_CHUNK);
  }

  @Test
  void readsBackWhatWasWrittenInOrder() throws Exception {
    RowBuffer buffer = new RowBuffer();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < 50_000; i++) {
      byte[] bytes = ("row " + i + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      buffer.write(bytes, 0, bytes.length);
      expected.write(bytes);
      buffer.write('\n');
      expected.write('\n');
    }
    assertThat(buffer.reader().readAllBytes()).isEqualTo(expected.toByteArray());
    ByteArrayOutputStream copied = new ByteArrayOutputStream();
    buffer.writeTo(copied);
    assertThat(copied.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Test
  void truncateForgetsAHalfWrittenRowAcrossChunks() throws Exception {
    RowBuffer buffer = new RowBuffer();
    byte[] first = new byte[300];
    java.util.Arrays.fill(first, (byte) 1);
    buffer.write(first, 0, first.length);
    long mark = buffer.size();
    buffer.write(new byte[5000], 0, 5000);
    buffer.truncate(mark);
    buffer.write(7);
    byte[] read = buffer.reader().readAllBytes();
    assertThat(read).hasSize(301);
    assertThat(read[300]).isEqualTo((byte) 7);
    assertThat(read[299]).isEqualTo((byte) 1);
  }
}
