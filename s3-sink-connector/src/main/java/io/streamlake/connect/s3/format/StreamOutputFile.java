package io.streamlake.connect.s3.format;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over a plain stream, so Parquet writes straight into an S3 upload without
 * Hadoop's FileSystem. It can be created once.
 */
final class StreamOutputFile implements OutputFile {

  private final OutputStream out;
  private final String name;
  private boolean created;

  StreamOutputFile(OutputStream out, String name) {
    this.out = out;
    this.name = name;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    if (created) {
      throw new IllegalStateException("Parquet output " + name + " was already created");
    }
    created = true;
    return new PositionOutputStream() {
      private long position;

      @Override
      public long getPos() {
        return position;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        position++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        position += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
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
    return name;
  }
}
