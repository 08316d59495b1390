package io.streamlake.connect.s3.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.CrashingStore;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.connect.s3.testing.SimulatedConnect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly-once with {@code store.envelope=true}: a task that dies between two data files of an epoch (or right
 * after its marker) is replaced, the replacement replays the epoch following its marker, and the lake ends up with
 * the same objects, byte for byte, as a run without a crash. The records change schema, and tombstones open epochs
 * (their value column is bytes) and sit inside them (borrowing the files' value schema), which is where a rule
 * that depended on anything but the files would make the replay differ.
 */
class EnvelopeExactlyOnceTest {

  private static final String TOPIC = "orders";
  private static final long T0 = 1_798_761_600_000L; // 2027-01-01T00:00:00Z
  private static final long FAR = 10L * 86_400_000L;

  private static boolean tombstone(long offset) {
    return offset % 17 == 0 || offset % 37 == 0;
  }

  private static SinkRecord record(int partition, long offset) {
    long ts = T0 + offset * 10_000L;
    org.apache.kafka.connect.header.Headers headers = new ConnectHeaders().addString("trace", "t-" + offset)
        .addBytes("raw", new byte[] {(byte) offset, (byte) partition});
    if (tombstone(offset)) {
      return new SinkRecord(TOPIC, partition, Schema.STRING_SCHEMA, "k" + offset, null, null, offset, ts,
          TimestampType.CREATE_TIME, headers);
    }
    SinkRecord plain = (offset / 23) % 2 == 1 ? Orders.recordV2(TOPIC, partition, offset, ts)
        : Orders.record(TOPIC, partition, offset, ts);
    return new SinkRecord(TOPIC, partition, plain.keySchema(), plain.key(), plain.valueSchema(), plain.value(), offset,
        ts, TimestampType.CREATE_TIME, headers);
  }

  private static Map<String, byte[]> run(CrashingStore.Point point) throws Exception {
    Map<TopicPartition, List<SinkRecord>> logs = new LinkedHashMap<>();
    for (int p = 0; p < 2; p++) {
      List<SinkRecord> log = new ArrayList<>();
      for (long offset = 0; offset < 160; offset++) {
        log.add(record(p, offset));
      }
      logs.put(new TopicPartition(TOPIC, p), log);
    }
    InMemoryObjectStore memory = new InMemoryObjectStore();
    CrashingStore store = new CrashingStore(memory, point, 4);
    MutableClock clock = new MutableClock(T0);
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "time");
    props.put("path.format", "'h'=HH/'m'=mm");
    props.put("timezone", "UTC");
    props.put("flush.size", "37");
    props.put("rotate.interval.ms", String.valueOf(FAR));
    props.put("store.envelope", "true");
    props.put("behavior.on.null.values", "write");
    S3SinkConfig config = new S3SinkConfig(props);
    SimulatedConnect connect = new SimulatedConnect(logs,
        context -> SinkWriters.create(config, store, context, "task", clock));
    SimulatedConnect.Task task = connect.start();
    int step = 0;
    while (!connect.allCommitted()) {
      assertThat(step++).as("converges").isLessThan(2_000);
      if (task.dead()) {
        task = connect.start();
      }
      int delivered = task.poll(20);
      clock.advance(300);
      if (step % 3 == 0) {
        task.commit();
      }
      if (delivered == 0) {
        clock.advance(FAR);
        task.tick();
        task.commit();
      }
    }
    if (point != CrashingStore.Point.NONE) {
      assertThat(store.crashed()).as("the crash point was reached").isTrue();
      assertThat(connect.crashes()).isEqualTo(1);
    }
    assertThat(memory.openUploads()).isZero();
    Map<String, byte[]> files = new TreeMap<>();
    for (String key : memory.keys()) {
      if (!key.contains("_epochs/")) {
        files.put(key, memory.object(key));
      }
    }
    return files;
  }

  @ParameterizedTest
  @EnumSource(value = CrashingStore.Point.class, names = {"AFTER_DATA_FILE", "AFTER_MARKER"})
  void aReplayAfterACrashWritesTheSameFiles(CrashingStore.Point point) throws Exception {
    Map<String, byte[]> reference = run(CrashingStore.Point.NONE);
    Map<String, byte[]> replayed = run(point);
    assertThat(replayed.keySet()).containsExactlyElementsOf(reference.keySet());
    for (String key : reference.keySet()) {
      assertThat(replayed.get(key)).as(key).isEqualTo(reference.get(key));
    }
    // Every offset of both partitions once, tombstones included, in offset order within each file.
    Map<String, Integer> seen = new HashMap<>();
    int tombstones = 0;
    for (Map.Entry<String, byte[]> file : replayed.entrySet()) {
      long previous = -1;
      for (GenericRecord row : ParquetFiles.read(file.getValue())) {
        long offset = (Long) row.get("offset");
        assertThat(offset).as(file.getKey()).isGreaterThan(previous);
        previous = offset;
        seen.merge(row.get("partition") + "@" + offset, 1, Integer::sum);
        assertThat(row.get("value") == null).as("tombstone at " + offset).isEqualTo(tombstone(offset));
        tombstones += row.get("value") == null ? 1 : 0;
      }
    }
    assertThat(seen).hasSize(320).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
    assertThat(tombstones).isEqualTo(2 * (int) java.util.stream.LongStream.range(0, 160)
        .filter(EnvelopeExactlyOnceTest::tombstone).count());
  }
}
