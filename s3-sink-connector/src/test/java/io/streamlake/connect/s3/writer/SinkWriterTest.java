package io.streamlake.connect.s3.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class SinkWriterTest {

  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_798_761_600_000L - 2 * HOUR; // 2026-12-31T22:00:00Z
  private static final TopicPartition TP = new TopicPartition("orders", 0);

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final MutableClock clock = new MutableClock(T0);
  private final List<SinkRecord> reported = new ArrayList<>();
  private final ErrantRecordReporter reporter = (record, error) -> {
    reported.add(record);
    return CompletableFuture.completedFuture(null);
  };

  private Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "time");
    props.put("path.format", "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    props.put("flush.size", "1000");
    return props;
  }

  private SinkWriter writer(Map<String, String> props) {
    return SinkWriters.create(new S3SinkConfig(props), store, new FakeSinkTaskContext(reporter), "test", clock);
  }

  private static List<SinkRecord> orders(long from, long to, long spacingMs) {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      records.add(Orders.record("orders", 0, offset, T0 + offset * spacingMs));
    }
    return records;
  }

  private long committed(SinkWriter writer) {
    OffsetAndMetadata offset = writer.committableOffsets().get(TP);
    return offset == null ? -1 : offset.offset();
  }

  private List<String> dataKeys() {
    return store.keys().stream().filter(k -> !k.contains("/_epochs/")).toList();
  }

  private long rowsInStore() throws Exception {
    long rows = 0;
    for (String key : dataKeys()) {
      rows += ParquetFiles.read(store.object(key)).size();
    }
    return rows;
  }

  @Test
  void flushSizeCutsAllEncodedPartitionsTogether() throws Exception {
    Map<String, String> props = props();
    props.put("flush.size", "100");
    SinkWriter writer = writer(props);
    writer.put(orders(0, 150, 60_000)); // 150 minutes: spans three hours and the year boundary

    // The cut at 100 records closed the files of every hour seen so far; offsets 100..149 are open.
    assertThat(dataKeys()).containsExactly(
        "topics/orders/year=2026/month=12/day=31/hour=22/orders+0+0000000000.snappy.parquet",
        "topics/orders/year=2026/month=12/day=31/hour=23/orders+0+0000000060.snappy.parquet");
    assertThat(committed(writer)).isEqualTo(100);
    writer.put(orders(150, 200, 60_000));
    assertThat(dataKeys()).contains(
        "topics/orders/year=2026/month=12/day=31/hour=23/orders+0+0000000100.snappy.parquet",
        "topics/orders/year=2027/month=01/day=01/hour=00/orders+0+0000000120.snappy.parquet");
    assertThat(committed(writer)).isEqualTo(200);
    assertThat(rowsInStore()).isEqualTo(200);
    assertThat(store.openUploads()).isZero();
  }

  @Test
  void nothingIsCommittedBeforeItIsDurable() {
    SinkWriter writer = writer(props());
    writer.put(orders(0, 10, 1000));
    assertThat(dataKeys()).isEmpty();
    // The open epoch starts at offset 0: nothing past it may be committed.
    assertThat(committed(writer)).isZero();
  }

  @Test
  void recordTimeIntervalCutsWhenARecordIsTooFarFromTheFirst() {
    Map<String, String> props = props();
    props.put("rotate.interval.ms", "600000");
    SinkWriter writer = writer(props);
    writer.put(orders(0, 25, 60_000)); // minute 0..24: cuts at minute 10 and 20
    assertThat(dataKeys()).hasSize(2);
    assertThat(committed(writer)).isEqualTo(20);
  }

  @Test
  void idleFilesAreCutOnTheWallClockWithoutANewRecord() {
    Map<String, String> props = props();
    props.put("rotate.interval.ms", "600000");
    SinkWriter writer = writer(props);
    writer.put(orders(0, 5, 1000));
    clock.advance(599_000);
    writer.put(List.of());
    assertThat(dataKeys()).isEmpty();
    clock.advance(1_000);
    writer.put(List.of());
    assertThat(dataKeys()).hasSize(1);
    assertThat(committed(writer)).isEqualTo(5);
  }

  @Test
  void scheduledRotationCutsAtWallClockBoundaries() {
    Map<String, String> props = props();
    props.put("rotate.schedule.interval.ms", String.valueOf(HOUR));
    clock.set(T0 + 30 * 60_000L); // 22:30
    SinkWriter writer = writer(props);
    writer.put(orders(0, 5, 1000));
    clock.set(T0 + HOUR - 1);
    writer.tick();
    assertThat(dataKeys()).isEmpty();
    clock.set(T0 + HOUR); // 23:00
    writer.tick();
    assertThat(dataKeys()).hasSize(1);
  }

  @Test
  void schemaChangeCutsUnderNone() {
    SinkWriter writer = writer(props());
    writer.put(orders(0, 3, 1000));
    writer.put(List.of(v2Record(3)));
    assertThat(dataKeys()).hasSize(1);
    assertThat(committed(writer)).isEqualTo(3);
  }

  @Test
  void interleavedSchemaVersionsCutOnceUnderBackward() throws Exception {
    Map<String, String> props = props();
    props.put("schema.compatibility", "BACKWARD");
    SinkWriter writer = writer(props);
    writer.put(orders(0, 2, 1000));
    List<SinkRecord> mixed = new ArrayList<>();
    for (long offset = 2; offset < 20; offset++) {
      mixed.add(offset % 2 == 0 ? v2Record(offset) : Orders.record("orders", 0, offset, T0 + offset * 1000));
    }
    writer.put(mixed);
    // One cut when v2 arrived; later v1 records are projected into the v2 file.
    assertThat(dataKeys()).hasSize(1);
    writer.close(List.of(TP));
  }

  private static SinkRecord v2Record(long offset) {
    return Orders.recordV2("orders", 0, offset, T0 + offset * 1000);
  }

  @Test
  void badRecordsGoToTheReporterAndOffsetsMovePastThem() {
    Map<String, String> props = props();
    props.put("flush.size", "3");
    SinkWriter writer = writer(props);
    List<SinkRecord> records = new ArrayList<>(orders(0, 2, 1000));
    records.add(new SinkRecord("orders", 0, null, null, null, Map.of("no-timestamp", 1), 2L));
    records.addAll(orders(3, 4, 1000));
    writer.put(records);
    assertThat(reported).extracting(SinkRecord::kafkaOffset).containsExactly(2L);
    assertThat(committed(writer)).isEqualTo(4);
  }

  @Test
  void withoutAReporterABadRecordFailsWithTheRecordNamed() {
    SinkWriter writer = SinkWriters.create(new S3SinkConfig(props()), store, new FakeSinkTaskContext(null), "test",
        clock);
    SinkRecord bad = new SinkRecord("orders", 0, null, null, null, Map.of("x", 1), 7L);
    assertThatThrownBy(() -> writer.put(List.of(bad))).isInstanceOf(DataException.class)
        .hasMessageContaining("orders-0@7").hasMessageContaining("timestamp");
  }

  @Test
  void nullValuesFailIgnoreOrWrite() {
    SinkRecord tombstone = new SinkRecord("orders", 0, null, "k", null, null, 0L);
    writer(props()).put(List.of(tombstone));
    assertThat(reported).hasSize(1);

    Map<String, String> ignore = props();
    ignore.put("behavior.on.null.values", "ignore");
    SinkWriter ignoring = writer(ignore);
    ignoring.put(List.of(tombstone));
    assertThat(committed(ignoring)).isEqualTo(1);
  }

  @Test
  void writtenTombstonesAddNoSchemaToTheFilesPublishedSchemas() {
    Map<String, String> props = props();
    props.put("format.class", "json");
    props.put("timestamp.extractor", "Record");
    props.put("behavior.on.null.values", "write");
    props.put("flush.size", "3");
    List<org.apache.kafka.connect.data.Schema> published = new ArrayList<>();
    SinkWriter writer = SinkWriters.create(new S3SinkConfig(props), store, new FakeSinkTaskContext(reporter), "test",
        clock, (topic, schema, encodedPartition, key) -> published.add(schema));
    SinkRecord tombstone = new SinkRecord("orders", 0, Schema.STRING_SCHEMA, "k1", null, null, 1L, T0 + 1,
        TimestampType.CREATE_TIME);
    writer.put(List.of(Orders.record("orders", 0, 0, T0), tombstone, Orders.record("orders", 0, 2, T0 + 2)));
    assertThat(committed(writer)).isEqualTo(3);
    assertThat(dataKeys()).hasSize(1);
    assertThat(new String(store.object(dataKeys().get(0)), java.nio.charset.StandardCharsets.UTF_8))
        .contains("null");
    // The file's rows have Orders.ORDER; the tombstone's missing schema is not "schemaless".
    assertThat(published).containsExactly(Orders.ORDER);

    SinkWriter onlyTombstones = SinkWriters.create(new S3SinkConfig(props), store,
        new FakeSinkTaskContext(reporter), "test2", clock, (topic, schema, encodedPartition, key) -> published.add(schema));
    published.clear();
    onlyTombstones.put(List.of(
        new SinkRecord("orders", 1, null, "a", null, null, 0L, T0, TimestampType.CREATE_TIME),
        new SinkRecord("orders", 1, null, "b", null, null, 1L, T0, TimestampType.CREATE_TIME),
        new SinkRecord("orders", 1, null, "c", null, null, 2L, T0, TimestampType.CREATE_TIME)));
    assertThat(dataKeys()).hasSize(2);
    assertThat(published).isEmpty();
  }

  @Test
  void closingPartitionsDiscardsOpenFilesWithoutPublishing() {
    SinkWriter writer = writer(props());
    writer.put(orders(0, 10, 1000));
    writer.close(List.of(TP));
    assertThat(dataKeys()).isEmpty();
    assertThat(store.openUploads()).isZero();
    assertThat(writer.committableOffsets()).isEmpty();
  }

  @Test
  void objectTagsCarryOffsetsAndCount() {
    Map<String, String> props = props();
    props.put("flush.size", "5");
    props.put("s3.object.tagging", "true");
    writer(props).put(orders(0, 5, 1000));
    assertThat(store.tags(dataKeys().get(0))).containsEntry("startOffset", "0").containsEntry("endOffset", "4")
        .containsEntry("recordCount", "5");
  }
}
