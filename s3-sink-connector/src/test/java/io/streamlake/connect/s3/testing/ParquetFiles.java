package io.streamlake.connect.s3.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Reads Parquet bytes back, for assertions on what the sink wrote. */
public final class ParquetFiles {

  private ParquetFiles() {}

  public static List<GenericRecord> read(byte[] bytes) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (var reader = AvroParquetReader.<GenericRecord>builder(new BytesInputFile(bytes))
        .withConf(new PlainParquetConfiguration()).build()) {
      for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
        records.add(record);
      }
    }
    return records;
  }

  public static ParquetMetadata footer(byte[] bytes) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new BytesInputFile(bytes),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
      return reader.getFooter();
    }
  }

  /** An {@link InputFile} over a byte array. */
  static final class BytesInputFile implements InputFile {
    private final byte[] bytes;

    BytesInputFile(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public long getLength() {
      return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
      return new DelegatingSeekableInputStream(new SeekableBytes(bytes)) {
        @Override
        public long getPos() {
          return ((SeekableBytes) getStream()).position();
        }

        @Override
        public void seek(long newPos) {
          ((SeekableBytes) getStream()).seek((int) newPos);
        }
      };
    }
  }

  private static final class SeekableBytes extends ByteArrayInputStream {
    SeekableBytes(byte[] bytes) {
      super(bytes);
    }

    long position() {
      return pos;
    }

    void seek(int position) {
      pos = position;
    }
  }
}
