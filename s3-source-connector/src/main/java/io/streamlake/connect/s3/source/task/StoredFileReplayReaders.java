package io.streamlake.connect.s3.source.task;

import io.streamlake.connect.s3.source.read.RecordReader;
import io.streamlake.connect.s3.source.read.StoredFile;
import io.streamlake.connect.s3.source.read.StoredFileReaders;
import io.streamlake.connect.s3.source.read.StoredFormat;
import io.streamlake.connect.s3.source.read.StoredHeader;
import io.streamlake.connect.s3.source.read.StoredRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;

/**
 * The {@link ReplayReaders} of the file readers (package {@code read}): registered in
 * {@code META-INF/services/io.streamlake.connect.s3.source.task.ReplayReaders}.
 */
public final class StoredFileReplayReaders implements ReplayReaders {

  /** {@code new StoredFileReaders(envelope).open(data, keys, headers)}. */
  @FunctionalInterface
  public interface Opener {
    RecordReader open(boolean envelope, StoredFile data, StoredFile keys, StoredFile headers) throws IOException;
  }

  private final Opener opener;

  /** The real readers: {@link StoredFileReaders}. */
  public StoredFileReplayReaders() {
    this((envelope, data, keys, headers) -> new StoredFileReaders(envelope).open(data, keys, headers));
  }

  public StoredFileReplayReaders(Opener opener) {
    this.opener = opener;
  }

  @Override
  public Reader open(LocalFile data, LocalFile keys, LocalFile headers, boolean envelope) throws IOException {
    RecordReader reader = opener.open(envelope, stored(data), stored(keys), stored(headers));
    return new Reader() {
      @Override
      public ReplayRecord next() throws IOException {
        StoredRecord record = reader.next();
        return record == null ? null : convert(record);
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  private static StoredFile stored(LocalFile file) {
    if (file == null) {
      return null;
    }
    StoredFormat format = StoredFormat.of(file.objectKey()).orElseThrow(() -> new DataException(
        file.objectKey() + " has no known format ending (.parquet, .avro, .json, .json.gz)"));
    return new StoredFile(file.objectKey(), file.path(), format);
  }

  static ReplayRecord convert(StoredRecord record) {
    List<ReplayRecord.Header> headers = new ArrayList<>();
    for (StoredHeader header : record.headers() == null ? List.<StoredHeader>of() : record.headers()) {
      headers.add(new ReplayRecord.Header(header.key(), header.value()));
    }
    return new ReplayRecord(record.keySchema(), record.key(), record.valueSchema(), record.value(), headers,
        record.offset(), record.timestamp());
  }
}
