package io.streamlake.connect.s3.format;

import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One Parquet compressor per codec for all open files of a task, instead of one per file.
 *
 * <p>Parquet gives each writer its own compressor with an output buffer of a whole page (1 MiB); with
 * thousands of open files (partitions x hourly buckets) that alone exhausts a worker's heap. A task writes
 * from one thread and Parquet copies compressed bytes out of the compressor before the next page is
 * compressed, so sharing is safe. Writers call {@link #release()} when they close; that is ignored here and
 * the shared compressors are released by {@link #close()} when the task stops.
 */
final class SharedCodecs implements CompressionCodecFactory, AutoCloseable {

  private final CodecFactory delegate;

  SharedCodecs(int pageSize) {
    this.delegate = new CodecFactory(new PlainParquetConfiguration(), pageSize);
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
    return delegate.getCompressor(codecName);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
    return delegate.getDecompressor(codecName);
  }

  @Override
  public void release() {
    // Shared across the task's writers: released once, by close().
  }

  @Override
  public void close() {
    delegate.release();
  }
}
