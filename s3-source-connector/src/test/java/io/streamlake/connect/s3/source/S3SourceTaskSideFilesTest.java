package io.streamlake.connect.s3.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.source.listing.LakeStores;
import io.streamlake.connect.s3.source.task.ReplayTasks;
import io.streamlake.connect.s3.source.task.StoredFileReplayReaders;
import io.streamlake.connect.s3.source.testing.FakeOffsets;
import io.streamlake.connect.s3.source.testing.InMemoryLakeStore;
import io.streamlake.connect.s3.source.testing.SideFileLake;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The task with the real file readers replays a lake the sink's own writer wrote with keys and headers side files
 * (plain mode, store.envelope=false): every record once, per partition in offset order, with its key, value and
 * headers (values as the text the headers files hold).
 */
class S3SourceTaskSideFilesTest {

  private static final int FLUSH = 5; // two data files (each with its keys and headers files) per partition

  /** The sink's objects, with their metadata, copied into the source's in-memory bucket. */
  private static InMemoryLakeStore bucket(InMemoryObjectStore sink) {
    InMemoryLakeStore bucket = new InMemoryLakeStore();
    for (String key : sink.keys()) {
      bucket.put(key, sink.get(key).orElseThrow(), sink.metadata(key).orElse(Map.of()));
    }
    return bucket;
  }

  private static List<SourceRecord> replay(InMemoryLakeStore bucket) throws InterruptedException {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("store.envelope", "false");
    props.put("replay.batch.max.records", "3");
    props.put("replay.topic.mapping", "orders:orders_restored");
    props.put(ReplayTasks.PAIRS_CONFIG, "orders+0,orders+1,orders+2");
    props.put(ReplayTasks.PREFIXES_CONFIG, "topics/orders/");
    S3SourceTask task = new S3SourceTask(config -> new LakeStores.Handle(bucket, () -> { }),
        StoredFileReplayReaders::new, 1);
    task.initialize(new FakeOffsets().context());
    task.start(props);
    List<SourceRecord> out = new ArrayList<>();
    try {
      List<SourceRecord> batch;
      while ((batch = task.poll()) != null) {
        out.addAll(batch);
      }
    } finally {
      task.stop();
    }
    return out;
  }

  private static Object json(Object connect) {
    if (connect instanceof Struct struct) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Field field : struct.schema().fields()) {
        map.put(field.name(), struct.get(field));
      }
      return map;
    }
    if (connect instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return connect;
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro", "json"})
  void replaysTheSinksSideFilesWithKeysValuesHeadersInOrder(String format) throws Exception {
    InMemoryObjectStore sink = SideFileLake.write(format, FLUSH);
    assertThat(sink.keys().stream().filter(k -> k.contains(".keys.")).count()).isEqualTo(6);
    assertThat(sink.keys().stream().filter(k -> k.contains(".headers.")).count()).isEqualTo(6);

    List<SourceRecord> replayed = replay(bucket(sink));

    assertThat(replayed).hasSize(SideFileLake.PARTITIONS * SideFileLake.ROWS);
    boolean json = "json".equals(format);
    for (int partition = 0; partition < SideFileLake.PARTITIONS; partition++) {
      final int p = partition;
      List<SourceRecord> out = replayed.stream().filter(r -> r.kafkaPartition() == p).toList();
      List<SinkRecord> in = SideFileLake.records(format).stream().filter(r -> r.kafkaPartition() == p).toList();
      assertThat(out).hasSize(in.size());
      for (int i = 0; i < in.size(); i++) {
        SourceRecord got = out.get(i);
        SinkRecord want = in.get(i);
        String row = "partition " + p + " row " + i;
        assertThat(got.topic()).isEqualTo("orders_restored");
        if (json) {
          assertThat(got.key()).as(row + " key").isEqualTo(json(want.key()));
          assertThat(got.value()).as(row + " value").isEqualTo(json(want.value()));
        } else if (want.key() instanceof byte[] bytes) {
          assertThat((byte[]) got.key()).as(row + " key").containsExactly(bytes);
          assertThat(got.keySchema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);
        } else {
          assertThat(got.key()).as(row + " key").isEqualTo(want.key());
          assertThat(got.value()).as(row + " value").isEqualTo(want.value());
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header header : got.headers()) {
          headers.add(Map.entry(header.key(), String.valueOf(SideFileLake.text((byte[]) header.value()))));
        }
        List<Map.Entry<String, String>> expected = new ArrayList<>();
        for (Map.Entry<String, String> header : SideFileLake.expectedHeaders(want)) {
          expected.add(Map.entry(header.getKey(), String.valueOf(header.getValue())));
        }
        assertThat(headers).as(row + " headers").containsExactlyElementsOf(expected);
        assertThat(got.sourcePartition()).isEqualTo(Map.of("topic", "orders", "partition", p));
        assertThat(got.sourceOffset().get("row")).as(row + " source offset").isEqualTo((long) (i % FLUSH));
        assertThat(String.valueOf(got.sourceOffset().get("key"))).contains("+" + p + "+" + String.format("%010d",
            (long) (i / FLUSH * FLUSH)));
      }
    }
  }
}
