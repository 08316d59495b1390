package io.streamlake.connect.s3.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;

/**
 * Files written with compact rows (buffer.compact.max.bytes) against files written the old way (every file
 * streamed through its encoder from the first record, buffer.compact.max.bytes=0), for the same records: same
 * keys, same object metadata and tags, and for Parquet the same bytes (same writer settings, same row groups).
 */
class CompactFilesTest {

  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_798_761_600_000L;
  private static final TopicPartition TP0 = new TopicPartition("orders", 0);
  private static final TopicPartition TP1 = new TopicPartition("orders", 1);

  private static Map<String, String> props(String format, String compactMaxBytes) {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", format);
    props.put("partitioner.class", "hourly");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    props.put("flush.size", "2500");
    props.put("s3.object.tagging", "true");
    props.put("parquet.row.group.size.bytes", "65536"); // several row groups per large file
    props.put("buffer.compact.max.bytes", compactMaxBytes);
    return props;
  }

  /** Records of two partitions spread over 6 hourly buckets, large and small files, cut by flush.size. */
  private static List<SinkRecord> records() {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      long hour = i < 4000 ? 0 : (i % 6);
      records.add(Orders.record("orders", i % 2, i / 2, T0 + hour * HOUR + i));
    }
    return records;
  }

  private static InMemoryObjectStore writeAndCutAtEnd(Map<String, String> props) {
    props.put("rotate.interval.ms", "600000");
    InMemoryObjectStore store = new InMemoryObjectStore();
    MutableClock clock = new MutableClock(T0);
    SinkWriter writer = SinkWriters.create(new S3SinkConfig(props), store, new FakeSinkTaskContext(null), "t",
        clock);
    writer.open(List.of(TP0, TP1));
    List<SinkRecord> records = records();
    for (int from = 0; from < records.size(); from += 500) {
      writer.put(records.subList(from, Math.min(records.size(), from + 500)));
    }
    clock.advance(HOUR);
    writer.tick();
    assertThat(writer.committableOffsets()).containsKeys(TP0, TP1);
    assertThat(writer.committableOffsets().get(TP0).offset()).isEqualTo(3000);
    return store;
  }

  private static List<String> dataKeys(InMemoryObjectStore store) {
    return store.keys().stream().filter(k -> !k.contains("/_epochs/")).sorted().toList();
  }

  @Test
  void parquetFilesAreByteIdenticalToStreamedOnes() throws Exception {
    InMemoryObjectStore streamed = writeAndCutAtEnd(props("parquet", "0"));
    InMemoryObjectStore compact = writeAndCutAtEnd(props("parquet", "1048576"));
    // A threshold crossed in the middle of the large files: buffered rows are replayed into the encoder.
    InMemoryObjectStore switched = writeAndCutAtEnd(props("parquet", "20000"));

    List<String> keys = dataKeys(streamed);
    assertThat(keys).hasSizeGreaterThan(5);
    assertThat(dataKeys(compact)).isEqualTo(keys);
    assertThat(dataKeys(switched)).isEqualTo(keys);
    boolean sawSeveralRowGroups = false;
    long rows = 0;
    for (String key : keys) {
      byte[] expected = streamed.object(key);
      assertThat(compact.object(key)).as(key).isEqualTo(expected);
      assertThat(switched.object(key)).as(key).isEqualTo(expected);
      assertThat(compact.metadata(key)).as(key).isEqualTo(streamed.metadata(key));
      assertThat(switched.metadata(key)).as(key).isEqualTo(streamed.metadata(key));
      assertThat(compact.tags(key)).as(key).isEqualTo(streamed.tags(key)).isNotEmpty();
      assertThat(switched.tags(key)).as(key).isEqualTo(streamed.tags(key));

      ParquetMetadata footer = ParquetFiles.footer(compact.object(key));
      sawSeveralRowGroups |= footer.getBlocks().size() > 1;
      for (BlockMetaData block : footer.getBlocks()) {
        assertThat(block.getColumns().get(0).getCodec().name()).isEqualTo("SNAPPY");
      }
      List<GenericRecord> read = ParquetFiles.read(compact.object(key));
      long first = Long.parseLong(streamed.tags(key).get("startOffset"));
      for (int i = 0; i < read.size(); i++) {
        assertThat(read.get(i).get("customer").toString()).isNotEmpty();
        assertThat((Long) read.get(i).get("id")).as("row order in %s", key).isGreaterThanOrEqualTo(first);
        if (i > 0) {
          assertThat((Long) read.get(i).get("id")).isGreaterThan((Long) read.get(i - 1).get("id"));
        }
      }
      rows += read.size();
    }
    assertThat(rows).isEqualTo(6000);
    assertThat(sawSeveralRowGroups).as("some file spans several row groups").isTrue();
  }

  @Test
  void avroFilesHoldTheSameRowsMetadataAndTags() throws Exception {
    InMemoryObjectStore streamed = writeAndCutAtEnd(props("avro", "0"));
    InMemoryObjectStore compact = writeAndCutAtEnd(props("avro", "20000"));
    List<String> keys = dataKeys(streamed);
    assertThat(dataKeys(compact)).isEqualTo(keys);
    for (String key : keys) {
      assertThat(avroRows(compact.object(key))).as(key).isEqualTo(avroRows(streamed.object(key)));
      assertThat(compact.metadata(key)).as(key).isEqualTo(streamed.metadata(key));
      assertThat(compact.tags(key)).as(key).isEqualTo(streamed.tags(key));
    }
  }

  @Test
  void jsonLinesFilesAreByteIdenticalToStreamedOnes() throws Exception {
    for (String compression : List.of("none", "gzip")) {
      Map<String, String> streamedProps = props("json", "0");
      streamedProps.put("s3.compression.type", compression);
      Map<String, String> compactProps = props("json", "20000");
      compactProps.put("s3.compression.type", compression);
      InMemoryObjectStore streamed = writeAndCutAtEnd(streamedProps);
      InMemoryObjectStore compact = writeAndCutAtEnd(compactProps);
      List<String> keys = dataKeys(streamed);
      assertThat(dataKeys(compact)).isEqualTo(keys).isNotEmpty();
      for (String key : keys) {
        assertThat(compact.object(key)).as(key).isEqualTo(streamed.object(key));
        assertThat(compact.metadata(key)).as(key).isEqualTo(streamed.metadata(key));
        assertThat(compact.tags(key)).as(key).isEqualTo(streamed.tags(key));
      }
    }
  }

  private static List<String> avroRows(byte[] bytes) throws Exception {
    List<String> rows = new ArrayList<>();
    try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(bytes),
        new GenericDatumReader<>())) {
      in.forEach(r -> rows.add(r.toString()));
    }
    return rows;
  }
}
