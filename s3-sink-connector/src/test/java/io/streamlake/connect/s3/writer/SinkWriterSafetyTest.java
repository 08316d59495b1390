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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Paths that used to lose records silently, commit nothing, or crash-loop a task: an existing key holding
 * other records, topic-renaming transforms, poison records, redelivered offsets, replays of a changed layout.
 */
class SinkWriterSafetyTest {

  private static final long T0 = 1_798_761_600_000L; // 2027-01-01T00:00:00Z
  private static final TopicPartition TP = new TopicPartition("orders", 0);

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final MutableClock clock = new MutableClock(T0);
  private final List<SinkRecord> reported = new ArrayList<>();
  private final List<Throwable> reasons = new ArrayList<>();
  private final ErrantRecordReporter reporter = (record, error) -> {
    reported.add(record);
    reasons.add(error);
    return CompletableFuture.completedFuture(null);
  };
  private FakeSinkTaskContext context = new FakeSinkTaskContext(reporter);

  private static Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "time");
    props.put("path.format", "'dt'=YYYY-MM-dd");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    props.put("flush.size", "100000");
    return props;
  }

  private SinkWriter writer(Map<String, String> props) {
    context = new FakeSinkTaskContext(reporter);
    return SinkWriters.create(new S3SinkConfig(props), store, context, "test", clock);
  }

  private static List<SinkRecord> orders(String topic, long from, long to) {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      records.add(Orders.record(topic, 0, offset, T0 + offset));
    }
    return records;
  }

  private static long committed(SinkWriter writer, TopicPartition partition) {
    OffsetAndMetadata offset = writer.committableOffsets().get(partition);
    return offset == null ? -1 : offset.offset();
  }

  private List<String> dataKeys() {
    return store.keys().stream().filter(k -> !k.contains("_epochs/")).toList();
  }

  /** How often each id landed, over every data object. */
  private Map<Long, Integer> landedIds() throws Exception {
    Map<Long, Integer> ids = new TreeMap<>();
    for (String key : dataKeys()) {
      for (GenericRecord row : ParquetFiles.read(store.object(key))) {
        ids.merge((Long) row.get("id"), 1, Integer::sum);
      }
    }
    return ids;
  }

  /** Delivers records like Connect: a put, then the consumer follows any rewind the task asked for. */
  /** @return how many rewinds the writer asked for */
  private int deliver(SinkWriter writer, List<SinkRecord> log, long from) {
    long position = from;
    for (int round = 0; round < 20; round++) {
      long start = position;
      List<SinkRecord> batch = log.stream().filter(r -> r.kafkaOffset() >= start).toList();
      if (batch.isEmpty()) {
        return round;
      }
      writer.put(batch);
      Long rewind = context.takeRewinds().get(TP);
      if (rewind == null) {
        return round;
      }
      position = rewind;
    }
    throw new AssertionError("rewinds did not settle");
  }

  // 1. A 412 is trusted only when the existing object holds the file.

  @Test
  void markersOffScheduledCutThenARestartCuttingLaterLosesNothing() throws Exception {
    Map<String, String> props = props();
    props.put("exactly.once.enabled", "false");
    props.put("flush.size", "10");
    props.put("rotate.schedule.interval.ms", "60000");
    List<SinkRecord> log = orders("orders", 0, 30);

    SinkWriter first = writer(props);
    first.open(List.of(TP));
    deliver(first, log.subList(0, 14), 0); // cut at 9 by flush.size, 10..13 open
    assertThat(committed(first, TP)).isEqualTo(10);
    clock.advance(60_000);
    first.tick(); // the wall-clock schedule publishes 10..13 at ...+0000000010
    assertThat(committed(first, TP)).isEqualTo(14);
    // the worker dies before committing 14: the group's offset stays at 10

    SinkWriter second = writer(props);
    second.open(List.of(TP));
    assertThat(deliver(second, log, 10)).as("one rewind: the key of 10..19 is taken by 10..13").isEqualTo(1);
    second.tick();
    assertThat(committed(second, TP)).isEqualTo(30);
    Map<Long, Integer> ids = landedIds();
    for (long id = 0; id < 30; id++) {
      assertThat(ids).as("offset %d landed", id).containsKey(id);
    }
    assertThat(dataKeys()).anyMatch(k -> k.endsWith("orders+0+0000000010.1.snappy.parquet"));
  }

  @Test
  void anExistingObjectThatHoldsTheFileIsKeptWithoutARewind() throws Exception {
    Map<String, String> props = props();
    props.put("flush.size", "10");
    List<SinkRecord> log = orders("orders", 0, 10);
    SinkWriter first = writer(props);
    first.open(List.of(TP));
    deliver(first, log, 0);
    int objects = store.keys().size();

    SinkWriter replay = writer(props);
    replay.open(List.of(TP));
    deliver(replay, log, 0);
    assertThat(context.takeRewinds()).isEmpty();
    assertThat(store.keys()).hasSize(objects);
    assertThat(committed(replay, TP)).isEqualTo(10);
    assertThat(landedIds().values()).containsOnly(1);
  }

  @Test
  void dataObjectsStateTheirOffsetsInMetadata() {
    Map<String, String> props = props();
    props.put("flush.size", "5");
    SinkWriter writer = writer(props);
    writer.open(List.of(TP));
    writer.put(orders("orders", 3, 8));
    String key = dataKeys().get(0);
    assertThat(store.metadata(key).orElseThrow()).containsEntry("streamlake-first-offset", "3")
        .containsEntry("streamlake-last-offset", "7").containsEntry("streamlake-record-count", "5");
  }

  @Test
  void aScheduledReplayThatCollidesCutsWhereItsFirstAttemptDidAndRewindsOnce() throws Exception {
    Map<String, String> props = props();
    props.put("exactly.once.enabled", "false");
    props.put("partitioner.class", "field");
    props.put("partition.field.name", "customer"); // customer-(id % 7): seven files per epoch
    props.put("rotate.schedule.interval.ms", "60000");
    List<SinkRecord> log = orders("orders", 0, 60);

    SinkWriter first = writer(props);
    first.open(List.of(TP));
    deliver(first, log.subList(0, 3), 0);
    clock.advance(60_000);
    first.tick(); // files of customers 0, 1, 2 holding offsets 0, 1, 2; the offset commit never happens

    SinkWriter second = writer(props);
    second.open(List.of(TP));
    deliver(second, log.subList(0, 45), 0);
    clock.advance(60_000);
    second.put(List.of()); // the schedule cuts 0..44: three keys are taken, four files are published
    assertThat(context.takeRewinds()).containsEntry(TP, 0L);
    // The consumer now has more records for the replay; a policy cut would land elsewhere than 44 and the four
    // published files would no longer hold their replays.
    int more = deliver(second, log, 0);
    clock.advance(60_000);
    second.put(List.of());
    assertThat(more + context.takeRewinds().size()).as("no further rewinds").isZero();
    assertThat(committed(second, TP)).isEqualTo(60);
    assertThat(dataKeys().stream().filter(k -> k.matches(".*\\+\\d{10}\\.1\\.snappy\\.parquet"))).hasSize(3);
    Map<Long, Integer> ids = landedIds();
    for (long id = 0; id < 60; id++) {
      assertThat(ids.get(id)).as("copies of offset %d", id).isEqualTo(id < 3 ? 2 : 1);
    }
  }

  @Test
  void aReplayAcrossTheUpgradeWritesTheKeysItsMarkerSpelledTheOldWay() throws Exception {
    Map<String, String> props = props();
    props.put("partitioner.class", "field");
    props.put("partition.field.name", "customer");
    props.put("flush.size", "1");
    SinkRecord record = Orders.record("orders", 0, 0, T0);
    ((Struct) record.value()).put("customer", "a=b");
    String oldKey = "topics/orders/customer=a=b/orders+0+0000000000.snappy.parquet";
    store.putIfAbsent("topics/_epochs/orders/0/0000000000000000000.json", ("{\"v\":1,\"topic\":\"orders\","
        + "\"partition\":0,\"first\":0,\"last\":0,\"files\":[\"" + oldKey + "\"],\"writtenAt\":0,"
        + "\"writer\":\"old\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
        io.streamlake.connect.s3.storage.ObjectStore.ObjectOptions.NONE);
    SinkWriter writer = writer(props);
    writer.open(List.of(TP));
    writer.put(List.of(record));
    assertThat(dataKeys()).containsExactly(oldKey);
    assertThat(committed(writer, TP)).isEqualTo(1);
  }

  // 2. Topic-renaming transforms.

  private static SinkRecord renamed(SinkRecord original, String newTopic) {
    return new SinkRecord(newTopic, original.kafkaPartition(), original.keySchema(), original.key(),
        original.valueSchema(), original.value(), original.kafkaOffset(), original.timestamp(),
        TimestampType.CREATE_TIME, new ConnectHeaders(), original.topic(), original.kafkaPartition(),
        original.kafkaOffset());
  }

  @Test
  void twoTopicsRoutedToOneNameKeepTheirOwnWritersKeysAndOffsets() throws Exception {
    Map<String, String> props = props();
    props.put("flush.size", "5");
    TopicPartition a = new TopicPartition("db.inventory.orders", 0);
    TopicPartition b = new TopicPartition("db.archive.orders", 0);
    SinkWriter writer = writer(props);
    writer.open(List.of(a, b));
    List<SinkRecord> batch = new ArrayList<>();
    for (SinkRecord r : orders(a.topic(), 0, 5)) {
      batch.add(renamed(r, "orders"));
    }
    for (SinkRecord r : orders(b.topic(), 0, 5)) {
      batch.add(renamed(r, "orders"));
    }
    writer.put(batch);
    Map<TopicPartition, OffsetAndMetadata> offsets = writer.committableOffsets();
    assertThat(offsets).containsOnlyKeys(a, b);
    assertThat(offsets.get(a).offset()).isEqualTo(5);
    assertThat(offsets.get(b).offset()).isEqualTo(5);
    assertThat(dataKeys()).containsExactlyInAnyOrder(
        "topics/orders/dt=2027-01-01/db.archive.orders+0+0000000000.snappy.parquet",
        "topics/orders/dt=2027-01-01/db.inventory.orders+0+0000000000.snappy.parquet");
    assertThat(landedIds().values()).containsOnly(2); // ids 0..4 from each source
    assertThat(store.keys()).anyMatch(k -> k.startsWith("topics/_epochs/db.inventory.orders/0/"))
        .anyMatch(k -> k.startsWith("topics/_epochs/db.archive.orders/0/"));
  }

  @Test
  void aWorkerOlderThanConnect36FailsAtOnceOnARenamedTopic() {
    SourcePartitions sources = new SourcePartitions(false);
    sources.assigned(List.of(TP));
    SinkRecord plain = Orders.record("orders", 0, 1, T0);
    assertThat(sources.of(plain)).isEqualTo(TP);
    SinkRecord routed = Orders.record("short-name", 0, 1, T0);
    assertThatThrownBy(() -> sources.of(routed)).isInstanceOf(ConnectException.class)
        .hasMessageContaining("renamed its topic").hasMessageContaining("3.6");
  }

  // 3. Poison records go to the errant-record reporter; the task carries on.

  private static final Schema ROW = SchemaBuilder.struct().name("row")
      .field("id", Schema.INT64_SCHEMA)
      .field("region", Schema.OPTIONAL_STRING_SCHEMA)
      .field("ts", Schema.OPTIONAL_INT64_SCHEMA)
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .build();

  private static SinkRecord row(long offset, String region, Long ts, String note) {
    Struct value = new Struct(ROW).put("id", offset).put("region", region).put("ts", ts).put("note", note);
    return new SinkRecord("events", 0, Schema.STRING_SCHEMA, "k" + offset, ROW, value, offset, T0,
        TimestampType.CREATE_TIME);
  }

  private static SinkRecord withSchema(long offset, Schema schema, Object value) {
    return new SinkRecord("events", 0, Schema.STRING_SCHEMA, "k" + offset, schema, value, offset, T0,
        TimestampType.CREATE_TIME);
  }

  private static Struct single(Schema schema, String field, Object value, long id) {
    return new Struct(schema).put("id", id).put(field, value);
  }

  @Test
  void everyClassOfBadRecordReachesTheReporterWhileGoodRecordsLandOnce() throws Exception {
    Map<String, String> props = props();
    props.put("partitioner.class", "field");
    props.put("partition.field.name", "region");
    props.put("timestamp.field", "ts");
    props.put("timestamp.field.unit", "s");
    props.put("flush.size", "1000");
    long s = T0 / 1000;
    Schema doubleTs = SchemaBuilder.struct().name("row").field("id", Schema.INT64_SCHEMA)
        .field("ts", Schema.FLOAT64_SCHEMA).build();
    Schema stringTs = SchemaBuilder.struct().name("row").field("id", Schema.INT64_SCHEMA)
        .field("ts", Schema.STRING_SCHEMA).build();
    Schema noTs = SchemaBuilder.struct().name("row").field("id", Schema.INT64_SCHEMA)
        .field("region", Schema.STRING_SCHEMA).build();
    String cjk = "東".repeat(2_000);
    String tenMiB = "x".repeat(10 * 1024 * 1024);

    List<SinkRecord> log = new ArrayList<>();
    List<Long> good = new ArrayList<>();
    List<Long> bad = new ArrayList<>();
    long offset = 0;
    java.util.function.Consumer<SinkRecord> goodRecord = r -> {
      log.add(r);
      good.add(r.kafkaOffset());
    };
    java.util.function.Consumer<SinkRecord> badRecord = r -> {
      log.add(r);
      bad.add(r.kafkaOffset());
    };
    goodRecord.accept(row(offset++, "eu", s, null));
    badRecord.accept(withSchema(offset++, ROW, null)); // null value (behavior.on.null.values=fail)
    badRecord.accept(new SinkRecord("events", 0, Schema.STRING_SCHEMA, "gone", null, null, offset++)); // tombstone
    badRecord.accept(withSchema(offset++, null, Map.of("id", 3L, "region", "eu"))); // schemaless into Parquet
    badRecord.accept(withSchema(offset++, noTs, new Struct(noTs).put("id", offset - 1).put("region", "eu")));
    badRecord.accept(withSchema(offset++, ROW, new Struct(doubleTs).put("id", offset - 1).put("ts", 1.5))); // value vs schema
    Schema clash = SchemaBuilder.struct().name("row").field("id", Schema.INT64_SCHEMA)
        .field("ts", Schema.INT64_SCHEMA).field("a-b", Schema.STRING_SCHEMA).field("a_b", Schema.STRING_SCHEMA)
        .build();
    badRecord.accept(withSchema(offset++, clash, new Struct(clash).put("id", offset - 1).put("ts", s)
        .put("a-b", "x").put("a_b", "y"))); // two fields with one Avro name
    badRecord.accept(row(offset++, "eu", null, null)); // null timestamp
    badRecord.accept(withSchema(offset++, doubleTs, single(doubleTs, "ts", Double.NaN, offset - 1)));
    badRecord.accept(row(offset++, "eu", 1_798_761_600_000_000_000L, null)); // nanoseconds read as seconds
    badRecord.accept(withSchema(offset++, stringTs, single(stringTs, "ts", "yesterday", offset - 1)));
    badRecord.accept(withSchema(offset++, stringTs, single(stringTs, "ts", "+300000000-01-01T00:00:00Z",
        offset - 1))); // beyond epoch milliseconds
    badRecord.accept(row(offset++, cjk, s, null)); // a key over S3's 1,024 bytes
    goodRecord.accept(row(offset++, "a/b", s, null));
    goodRecord.accept(row(offset++, "..", s, null));
    goodRecord.accept(row(offset++, "x=y", s, null));
    goodRecord.accept(row(offset++, "100%", s, null));
    goodRecord.accept(row(offset++, "", s, null));
    goodRecord.accept(row(offset++, "__HIVE_DEFAULT_PARTITION__", s, null));
    goodRecord.accept(row(offset++, null, s, null));
    goodRecord.accept(row(offset++, "eu", s, tenMiB));
    goodRecord.accept(row(offset++, "eu", s + 1, null));
    long end = offset;

    props.put("flush.size", Integer.toString(good.size())); // the last good record cuts the epoch
    SinkWriter writer = writer(props);
    TopicPartition events = new TopicPartition("events", 0);
    writer.open(List.of(events));
    writer.put(log);

    assertThat(reported).extracting(SinkRecord::kafkaOffset).containsExactlyElementsOf(bad);
    assertThat(reasons).allSatisfy(e -> assertThat(e)
        .isInstanceOf(org.apache.kafka.connect.errors.DataException.class).hasMessageContaining("events-0@"));
    assertThat(reasons.get(bad.indexOf(12L))).hasMessageContaining("1024");
    assertThat(reasons.get(bad.indexOf(9L))).hasMessageContaining("timestamp");
    assertThat(committed(writer, events)).isEqualTo(end);

    Map<Long, Integer> ids = landedIds();
    assertThat(ids.keySet()).containsExactlyInAnyOrderElementsOf(good);
    assertThat(ids.values()).containsOnly(1);
    for (String key : dataKeys()) {
      String partitionPath = key.substring("topics/events/".length(), key.lastIndexOf('/'));
      assertThat(partitionPath).as(key).doesNotContain("/").startsWith("region=");
      assertThat(partitionPath.substring("region=".length())).as(key).doesNotContain("=").isNotEqualTo("..");
    }
    assertThat(dataKeys()).anyMatch(k -> k.contains("/region=a%2Fb/")).anyMatch(k -> k.contains("/region=x%3Dy/"))
        .anyMatch(k -> k.contains("/region=%2E%2E/")).anyMatch(k -> k.contains("/region=100%25/"))
        .anyMatch(k -> k.contains("/region=__empty__/"))
        .anyMatch(k -> k.contains("/region=%5F_HIVE_DEFAULT_PARTITION__/"))
        .anyMatch(k -> k.contains("/region=__HIVE_DEFAULT_PARTITION__/"));
  }

  // 5. Smaller defects.

  @Test
  void offsetsDeliveredAgainAreIgnored() throws Exception {
    Map<String, String> props = props();
    props.put("flush.size", "20");
    SinkWriter writer = writer(props);
    writer.open(List.of(TP));
    writer.put(orders("orders", 0, 10));
    writer.put(orders("orders", 0, 10)); // Connect redelivers from the committed offset after a failed preCommit
    writer.put(orders("orders", 10, 20));
    assertThat(committed(writer, TP)).isEqualTo(20);
    assertThat(landedIds()).hasSize(20).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void aBadRecordIsReportedOnceWhenItsEpochIsReplayed() throws Exception {
    Map<String, String> props = props();
    props.put("exactly.once.enabled", "false");
    props.put("flush.size", "9");
    List<SinkRecord> log = new ArrayList<>(orders("orders", 0, 10));
    log.set(4, new SinkRecord("orders", 0, Schema.STRING_SCHEMA, "k4", Orders.ORDER, null, 4)); // null value
    // An object from an earlier run already holds the key of this epoch's file, with other offsets.
    String key = "topics/orders/dt=2027-01-01/orders+0+0000000000.snappy.parquet";
    store.putIfAbsent(key, new byte[] {1}, new io.streamlake.connect.s3.storage.ObjectStore.ObjectOptions(Map.of(),
        Map.of("streamlake-first-offset", "0", "streamlake-last-offset", "2", "streamlake-record-count", "3")));
    SinkWriter writer = writer(props);
    writer.open(List.of(TP));
    writer.put(log);
    assertThat(context.takeRewinds()).containsEntry(TP, 0L); // the 412 found other records: replay
    writer.put(log);
    assertThat(reported).extracting(SinkRecord::kafkaOffset).containsExactly(4L);
    assertThat(committed(writer, TP)).isEqualTo(10);
    assertThat(dataKeys()).contains("topics/orders/dt=2027-01-01/orders+0+0000000000.1.snappy.parquet");
  }

  @Test
  void aReplayThatWouldWriteOtherFilesThanItsMarkerFailsNamingTheMarker() {
    Map<String, String> props = props();
    props.put("flush.size", "10");
    List<SinkRecord> log = orders("orders", 0, 10);
    io.streamlake.connect.s3.testing.CrashingStore crashing = new io.streamlake.connect.s3.testing.CrashingStore(
        store, io.streamlake.connect.s3.testing.CrashingStore.Point.AFTER_MARKER, 1);
    SinkWriter first = SinkWriters.create(new S3SinkConfig(props), crashing, context, "first", clock);
    first.open(List.of(TP));
    assertThatThrownBy(() -> first.put(log)).isInstanceOf(io.streamlake.connect.s3.testing.CrashingStore.SimulatedCrash.class);

    props.put("path.format", "'date'=YYYYMMdd"); // the layout changed before the restart
    SinkWriter second = writer(props);
    second.open(List.of(TP));
    assertThatThrownBy(() -> second.put(log)).isInstanceOf(ConnectException.class)
        .hasMessageContaining("s3://memory/topics/_epochs/orders/0/0000000000000000000.json")
        .hasMessageContaining("path.format").hasMessageContaining("date=20270101");
    assertThat(dataKeys()).isEmpty();
  }

  @Test
  void aCorruptMarkerFailsWithAConnectExceptionNamingItsKey() {
    store.putIfAbsent("topics/_epochs/orders/0/0000000000000000000.json", "{\"v\":1,\"topic\":".getBytes(
        java.nio.charset.StandardCharsets.UTF_8), io.streamlake.connect.s3.storage.ObjectStore.ObjectOptions.NONE);
    SinkWriter writer = writer(props());
    writer.open(List.of(TP));
    assertThatThrownBy(() -> writer.put(orders("orders", 0, 3))).isInstanceOf(ConnectException.class)
        .hasMessageContaining("topics/_epochs/orders/0/0000000000000000000.json");
  }

  @Test
  void aFailingUploadFailsTheTaskAndIsNeverReportedAsABadRecord() {
    io.streamlake.connect.s3.storage.ObjectStore failing = new io.streamlake.connect.s3.testing.FailingPartsStore(store);
    Map<String, String> props = props();
    props.put("format.class", "json");
    props.put("s3.part.size", Integer.toString(5 * 1024 * 1024));
    SinkWriter writer = SinkWriters.create(new S3SinkConfig(props), failing, context, "test", clock);
    writer.open(List.of(TP));
    List<SinkRecord> big = new ArrayList<>();
    for (SinkRecord r : orders("orders", 0, 12)) {
      Struct value = (Struct) r.value();
      value.put("note", "n".repeat(512 * 1024));
      big.add(r);
    }
    assertThatThrownBy(() -> writer.put(big)).isInstanceOf(io.streamlake.connect.s3.storage.StoreException.class);
    assertThat(reported).isEmpty();
    assertThat(committed(writer, TP)).isLessThanOrEqualTo(0);
  }
}
