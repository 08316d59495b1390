package io.streamlake.connect.s3.source.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.source.read.RecordReader;
import io.streamlake.connect.s3.source.read.StoredFile;
import io.streamlake.connect.s3.source.read.StoredFormat;
import io.streamlake.connect.s3.source.read.StoredHeader;
import io.streamlake.connect.s3.source.read.StoredRecord;
import io.streamlake.connect.s3.source.testing.FakeReplayReaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** The adapter from the reader API to the task's seam: what it passes to the readers and what it returns. */
class StoredFileReplayReadersTest {

  @Test
  void passesTheFilesWithTheirFormatsAndConvertsEveryField() throws Exception {
    List<Object[]> calls = new ArrayList<>();
    StoredRecord stored = new StoredRecord(Schema.STRING_SCHEMA, "k", Schema.INT64_SCHEMA, 42L,
        List.of(new StoredHeader("h", new byte[] {1, 2}), new StoredHeader("n", null)), 7L, 1000L);
    boolean[] closed = {false};
    StoredFileReplayReaders readers = new StoredFileReplayReaders((envelope, data, keys, headers) -> {
      calls.add(new Object[] {envelope, data, keys, headers});
      Iterator<StoredRecord> it = List.of(stored).iterator();
      return new RecordReader() {
        @Override
        public StoredRecord next() {
          return it.hasNext() ? it.next() : null;
        }

        @Override
        public void close() {
          closed[0] = true;
        }
      };
    });
    ReplayReaders.Reader reader = readers.open(new ReplayReaders.LocalFile("t/o/p/o+0+0000000000.snappy.parquet",
        Path.of("/tmp/a")), new ReplayReaders.LocalFile("t/o/p/o+0+0000000000.keys.avro", Path.of("/tmp/b")), null,
        true);
    ReplayRecord record = reader.next();
    assertThat(reader.next()).isNull();
    reader.close();

    assertThat(closed[0]).isTrue();
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)[0]).isEqualTo(true);
    assertThat(calls.get(0)[1]).isEqualTo(new StoredFile("t/o/p/o+0+0000000000.snappy.parquet", Path.of("/tmp/a"),
        StoredFormat.PARQUET));
    assertThat(calls.get(0)[2]).isEqualTo(new StoredFile("t/o/p/o+0+0000000000.keys.avro", Path.of("/tmp/b"),
        StoredFormat.AVRO));
    assertThat(calls.get(0)[3]).isNull();
    assertThat(record.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(record.key()).isEqualTo("k");
    assertThat(record.valueSchema()).isEqualTo(Schema.INT64_SCHEMA);
    assertThat(record.value()).isEqualTo(42L);
    assertThat(record.offset()).isEqualTo(7L);
    assertThat(record.timestamp()).isEqualTo(1000L);
    assertThat(record.headers()).extracting(ReplayRecord.Header::key).containsExactly("h", "n");
    assertThat(record.headers().get(0).value()).containsExactly(1, 2);
    assertThat(record.headers().get(1).value()).isNull();
  }

  @Test
  void aFileWithoutAKnownFormatIsADataExceptionNamingIt() {
    StoredFileReplayReaders readers = new StoredFileReplayReaders((envelope, data, keys, headers) -> null);
    assertThatThrownBy(() -> readers.open(new ReplayReaders.LocalFile("t/o/p/o+0+0000000000.csv", Path.of("/x")),
        null, null, false)).isInstanceOf(DataException.class).hasMessageContaining("o+0+0000000000.csv");
  }

  @Test
  void theRealReadersAreLoadedUnlessATestTurnsTheFakesOn() {
    // Test resources register the fake readers too; they win only while FakeReplayReaders.ENABLED_PROPERTY is set.
    assertThat(ReplayReaders.load()).isInstanceOf(StoredFileReplayReaders.class);
    System.setProperty(FakeReplayReaders.ENABLED_PROPERTY, "true");
    try {
      assertThat(ReplayReaders.load()).isInstanceOf(FakeReplayReaders.class);
    } finally {
      System.clearProperty(FakeReplayReaders.ENABLED_PROPERTY);
    }
    assertThat(new StoredFileReplayReaders().priority()).isZero();
  }
}
