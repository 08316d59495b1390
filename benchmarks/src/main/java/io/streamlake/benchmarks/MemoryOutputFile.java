package io.streamlake.benchmarks;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A Parquet {@link OutputFile} into a reused heap buffer; the bytes of the last file are kept until the next. */
final class MemoryOutputFile implements OutputFile {

  private byte[] buffer = new byte[1 << 20];
  private int length;

  int length() {
    return length;
  }

  byte[] copy() {
    return java.util.Arrays.copyOf(buffer, length);
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    length = 0;
    return new PositionOutputStream() {
      @Override
      public long getPos() {
        return length;
      }

      @Override
      public void write(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buffer, length, len);
        length += len;
      }

      @Override
      public void close() throws IOException {
      }
    };
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return "memory";
  }
}
