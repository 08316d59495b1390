package io.streamlake.connect.s3.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.OpenFiles;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** What open files with compact rows report to the task's memory budget, and how the budget cuts them. */
class CompactMemoryTest {

  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_798_761_600_000L;
  private static final TopicPartition TP0 = new TopicPartition("orders", 0);
  private static final TopicPartition TP1 = new TopicPartition("orders", 1);

  private final InMemoryObjectStore store = new InMemoryObjectStore();

  private SinkWriter writer(String budget, String compactMaxBytes) {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "hourly");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    props.put("flush.size", "1000000");
    props.put("buffer.memory.max.bytes", budget);
    props.put("buffer.compact.max.bytes", compactMaxBytes);
    SinkWriter writer = SinkWriters.create(new S3SinkConfig(props), store, new FakeSinkTaskContext(null), "t",
        new MutableClock(T0));
    writer.open(List.of(TP0, TP1));
    return writer;
  }

  private static List<SinkRecord> records(int partition, int count, int buckets) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(Orders.record("orders", partition, i, T0 + (i % buckets) * HOUR + i));
    }
    return records;
  }

  private static long committed(SinkWriter writer, TopicPartition tp) {
    OffsetAndMetadata offset = writer.committableOffsets().get(tp);
    return offset == null ? -1 : offset.offset();
  }

  @Test
  void anOpenFileCountsASmallConstantPlusAtMostOneAndAHalfTimesItsCompactRows() {
    SinkWriter writer = writer("268435456", "1048576");
    long row = OpenFiles.compactBytesPerRow();
    for (int rows : new int[] {1, 10, 100, 1000, 5000}) {
      writer.close(List.of(TP0)); // drops the file of the previous round
      writer.open(List.of(TP0));
      List<SinkRecord> batch = records(0, rows, 1);
      writer.put(batch);
      assertThat(writer.openFiles()).isEqualTo(1);
      long counted = writer.memoryBytes();
      assertThat(counted).as("%d rows", rows).isLessThanOrEqualTo(16 * 1024 + rows * row * 3 / 2)
          .isGreaterThanOrEqualTo(rows * row);
    }
    assertThat(store.keys()).noneMatch(k -> k.contains("/orders/"));
  }

  @Test
  void theBudgetCutsTheLargestCompactHolderFirstAndFreesWhatItHeld() throws Exception {
    SinkWriter writer = writer("1048576", "8388608");
    writer.put(records(1, 48, 24)); // 24 small files
    long small = writer.memoryBytes();
    assertThat(small).isLessThan(200 * 1024);
    List<SinkRecord> large = records(0, 30_000, 1);
    for (int from = 0; from < large.size(); from += 500) {
      writer.put(large.subList(from, from + 500));
    }
    assertThat(committed(writer, TP0)).as("the large holder was cut early").isPositive();
    assertThat(committed(writer, TP1)).as("the small files stay open").isLessThanOrEqualTo(0);
    assertThat(writer.openFiles()).isGreaterThanOrEqualTo(24);
    assertThat(writer.memoryBytes()).isLessThanOrEqualTo(1024 * 1024);
    long rows = 0;
    for (String key : store.keys()) {
      if (!key.contains("/_epochs/")) {
        assertThat(key).contains("/orders+0+");
        rows += ParquetFiles.read(store.object(key)).size();
      }
    }
    assertThat(rows).isEqualTo(committed(writer, TP0));
  }
}
