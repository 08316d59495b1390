package io.streamlake.connect.s3.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.CrashingStore;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.LandedRecords;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.SimulatedConnect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rotation policy against every crash point, a rebalance and a zombie task: after the dust settles the
 * objects in the store hold each produced (topic, partition, offset) exactly once. Connect is simulated
 * ({@link SimulatedConnect}): logs, positions, rewinds and committed offsets, with tasks killed at chosen
 * steps of the protocol. Prints a scenario table. Scenarios share nothing, so they run in parallel.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class ExactlyOnceScenariosTest {

  private static final String TOPIC = "orders";
  private static final int PARTITIONS = 3;
  private static final int RECORDS = 300;
  private static final long T0 = 1_798_761_600_000L; // 2027-01-01T00:00:00Z
  private static final long FAR = 10L * 86_400_000L;
  private static final Map<String, String> TABLE = new java.util.concurrent.ConcurrentSkipListMap<>();
  private static final Map<Mode, java.util.concurrent.atomic.AtomicInteger> VARIANTS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<Mode, java.util.concurrent.atomic.AtomicInteger> DUPLICATES = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The last two apply with side files only (store.kafka.keys, store.kafka.headers): a crash after a side file
   * became visible and before its data file did, and a side file's key found holding other records (412).
   */
  enum Fault { NONE, CRASH_AFTER_MARKER, CRASH_BETWEEN_FILES, CRASH_BEFORE_OFFSET_COMMIT, REBALANCE, ZOMBIE,
    CRASH_BETWEEN_SIDE_AND_DATA, SIDE_FILE_TAKEN }

  private static final Map<String, String> SIDE_TABLE = new java.util.concurrent.ConcurrentSkipListMap<>();
  /** The key of the first file of partition 0 without its extension (SIDE_FILE_TAKEN takes its keys file). */
  private static String firstFileBase(Policy policy) {
    return "topics/orders/" + (policy == Policy.MEMORY ? "d=01/h=00" : "h=00/m=00") + "/orders+0+0000000000";
  }

  private static String takenSideKey(Policy policy) {
    return firstFileBase(policy) + ".keys.avro";
  }

  /**
   * Where the marker protocol applies (MARKERS) every record lands exactly once. Where it cannot, every record
   * still lands at least once: markers switched off, markers deleted before every new task starts (expired by
   * a lifecycle rule while the connector was down), or committed offsets reset to the middle of an epoch by an
   * operator (the new task starts epochs at offsets no marker knows, and file keys of earlier runs collide).
   */
  enum Mode { MARKERS, MARKERS_OFF, MARKERS_DELETED, OFFSET_RESET }

  enum Policy {
    COUNT(Map.of("flush.size", "37")),
    BYTES(Map.of("rotate.size.bytes", "6000")),
    RECORD_TIME(Map.of("rotate.interval.ms", "170000")),
    SCHEDULE(Map.of("rotate.schedule.interval.ms", "2000")),
    SCHEMA_CHANGE(Map.of("schema.compatibility", "NONE")),
    // Files stream through Parquet's writer from their first record (buffer.compact.max.bytes=0), so that the
    // smallest budget (1 MiB) is exceeded by these few records and cuts early many times; compact files are
    // cut by the budget in SinkWriterTest.
    MEMORY(Map.of("buffer.memory.max.bytes", "6291456", "path.format", "'d'=dd/'h'=HH",
        "buffer.compact.max.bytes", "0"));

    final Map<String, String> props;

    Policy(Map<String, String> props) {
      this.props = props;
    }
  }

  static List<Arguments> scenarios() {
    List<Arguments> out = new ArrayList<>();
    for (Mode mode : Mode.values()) {
      for (Policy policy : Policy.values()) {
        for (Fault fault : Fault.values()) {
          if (fault == Fault.CRASH_BETWEEN_SIDE_AND_DATA || fault == Fault.SIDE_FILE_TAKEN) {
            continue;
          }
          boolean applies = switch (mode) {
            case MARKERS, OFFSET_RESET -> true;
            case MARKERS_OFF -> fault != Fault.NONE && fault != Fault.CRASH_AFTER_MARKER; // no marker to crash after
            case MARKERS_DELETED -> fault != Fault.NONE;
          };
          if (applies) {
            out.add(Arguments.of(mode, policy, fault));
          }
        }
      }
    }
    return out;
  }

  /**
   * Side files against the faults that matter for them, with the count and memory policies: every data file has
   * its keys and headers files, row i of each belonging to row i of the data file.
   */
  static List<Arguments> sideFileScenarios() {
    List<Arguments> out = new ArrayList<>();
    for (Fault fault : Fault.values()) {
      out.add(Arguments.of(Mode.MARKERS, Policy.COUNT, fault));
    }
    // The side-file faults where markers cannot help; the other faults behave there as in the main matrix.
    for (Fault fault : List.of(Fault.CRASH_BETWEEN_SIDE_AND_DATA, Fault.SIDE_FILE_TAKEN)) {
      out.add(Arguments.of(Mode.MARKERS_OFF, Policy.COUNT, fault));
    }
    for (Fault fault : List.of(Fault.NONE, Fault.CRASH_BETWEEN_SIDE_AND_DATA, Fault.SIDE_FILE_TAKEN, Fault.ZOMBIE)) {
      out.add(Arguments.of(Mode.OFFSET_RESET, Policy.COUNT, fault));
    }
    // Many files open at once, cut early by the memory budget, which counts the side files' buffers too.
    out.add(Arguments.of(Mode.MARKERS, Policy.MEMORY, Fault.CRASH_BETWEEN_SIDE_AND_DATA));
    return out;
  }

  private static SinkRecord withHeaders(SinkRecord record) {
    org.apache.kafka.connect.header.ConnectHeaders headers = new org.apache.kafka.connect.header.ConnectHeaders();
    headers.addString("offset", Long.toString(record.kafkaOffset()));
    return new SinkRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
        record.valueSchema(), record.value(), record.kafkaOffset(), record.timestamp(), record.timestampType(),
        headers);
  }

  private static SinkRecord record(Policy policy, int partition, long offset) {
    if (policy == Policy.MEMORY) {
      // Records jump between 48 hourly buckets: many files are open at once.
      return Orders.record(TOPIC, partition, offset, T0 + (offset % 48) * 3_600_000L + offset);
    }
    long ts = T0 + offset * 10_000L;
    if (policy == Policy.SCHEMA_CHANGE && (offset / 23) % 2 == 1) {
      return Orders.recordV2(TOPIC, partition, offset, ts);
    }
    return Orders.record(TOPIC, partition, offset, ts);
  }

  @ParameterizedTest(name = "{0}: {1} x {2}")
  @MethodSource("scenarios")
  void everyRecordLandsExactlyOnceOrAtLeastOnceWithoutMarkers(Mode mode, Policy policy, Fault fault)
      throws Exception {
    run(mode, policy, fault, false);
  }

  @ParameterizedTest(name = "side files, {0}: {1} x {2}")
  @MethodSource("sideFileScenarios")
  void sideFilesLandWithTheirDataFilesRowForRow(Mode mode, Policy policy, Fault fault) throws Exception {
    run(mode, policy, fault, true);
  }

  private void run(Mode mode, Policy policy, Fault fault, boolean sides) throws Exception {
    Map<TopicPartition, List<SinkRecord>> logs = new LinkedHashMap<>();
    Map<String, Integer> produced = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      List<SinkRecord> log = new ArrayList<>();
      for (long offset = 0; offset < RECORDS; offset++) {
        if (p == 1 && offset % 50 == 49) {
          continue; // gaps, as compaction and transaction markers leave them
        }
        log.add(sides ? withHeaders(record(policy, p, offset)) : record(policy, p, offset));
        produced.put(TOPIC + "-" + p + "@" + offset, 1);
      }
      logs.put(new TopicPartition(TOPIC, p), log);
    }
    InMemoryObjectStore memory = new InMemoryObjectStore();
    CrashingStore store = new CrashingStore(memory, switch (fault) {
      case CRASH_AFTER_MARKER -> CrashingStore.Point.AFTER_MARKER;
      case CRASH_BETWEEN_FILES -> CrashingStore.Point.AFTER_DATA_FILE;
      case CRASH_BETWEEN_SIDE_AND_DATA -> CrashingStore.Point.AFTER_SIDE_FILE;
      default -> CrashingStore.Point.NONE;
    }, fault == Fault.CRASH_BETWEEN_SIDE_AND_DATA ? 6 : 4); // the 6th side file is a headers file: after it comes data
    if (fault == Fault.SIDE_FILE_TAKEN) {
      // Another run (markers lost, offsets reset) left a keys file holding other records under the key that the
      // first file of partition 0 takes: its side file gets 412 and that range, so the data file takes a variant.
      memory.putIfAbsent(takenSideKey(policy), new byte[] {1},
          new io.streamlake.connect.s3.storage.ObjectStore.ObjectOptions(Map.of(),
              Map.of(FileRange.FIRST, "0", FileRange.LAST, "0", FileRange.RECORDS, "1")));
    }
    MutableClock clock = new MutableClock(T0);
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "time");
    props.put("path.format", "'h'=HH/'m'=mm");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    props.put("flush.size", "100000");
    props.put("rotate.interval.ms", String.valueOf(FAR));
    props.putAll(policy.props);
    if (mode == Mode.MARKERS_OFF) {
      props.put("exactly.once.enabled", "false");
    }
    if (sides) {
      props.put("store.kafka.keys", "true");
      props.put("store.kafka.headers", "true");
    }
    S3SinkConfig config = new S3SinkConfig(props);
    SimulatedConnect connect = new SimulatedConnect(logs,
        context -> SinkWriters.create(config, store, context, "task", clock));

    SimulatedConnect.Task task = connect.start();
    SimulatedConnect.Task zombie = null;
    int step = 0;
    int markersDeleted = 0;
    int resets = 0;
    while (!connect.allCommitted()) {
      assertThat(step).as("scenario does not converge").isLessThan(5_000);
      step++;
      if (step >= 12 && resets == 0 && mode == Mode.OFFSET_RESET && committedPast(connect, 20)) {
        task.kill(); // the operator stops the connector, resets the group into the middle of an epoch, restarts
        for (Map.Entry<TopicPartition, Long> committed : connect.committed().entrySet()) {
          if (committed.getValue() > 20) {
            connect.resetCommitted(committed.getKey(), committed.getValue() - 13);
            resets++;
          }
        }
      }
      boolean restart = task.dead() || (step == 6 && (fault == Fault.REBALANCE || fault == Fault.ZOMBIE));
      if (mode == Mode.MARKERS_DELETED && (restart || step % 9 == 0)) {
        // Expired by the lifecycle rule while the connector was down, or under a running task.
        markersDeleted += deleteMarkers(memory);
      }
      if (task.dead()) {
        task = connect.start();
      }
      if (step == 6 && fault == Fault.REBALANCE) {
        task.revokeAll();
        task = connect.start();
      }
      if (step == 6 && fault == Fault.ZOMBIE) {
        zombie = task;
        zombie.fence();
        task = connect.start();
      }
      int delivered = task.poll(20);
      if (zombie != null) {
        zombie.poll(20);
        if (step == 16) {
          zombie.kill();
          zombie = null;
        }
      }
      clock.advance(300);
      if (step % 3 == 0) {
        if (step == 9 && fault == Fault.CRASH_BEFORE_OFFSET_COMMIT) {
          task.kill(); // files of finished epochs are in S3, their offsets never committed
          continue;
        }
        task.commit();
      }
      if (delivered == 0) {
        clock.advance(FAR); // drain: idle files are cut on the timer
        task.tick();
        task.commit();
      }
    }
    List<String> dataKeys = memory.keys().stream().filter(k -> !CrashingStore.isSideFile(k)).toList();
    LandedRecords landed = LandedRecords.read(memory, dataKeys);
    List<String> lost = landed.lost(produced);
    List<String> duplicated = landed.duplicated(produced);
    long variants = dataKeys.stream().filter(k -> k.matches(".*\\+\\d{10}\\.\\d+\\.[a-z.]+$")).count();
    if (sides) {
      checkSideFiles(mode, fault, memory, dataKeys, variants, connect, landed, lost, duplicated, produced.size(),
          policy);
      assertThat(store.crashed() || fault != Fault.CRASH_BETWEEN_SIDE_AND_DATA).as("the crash point was reached")
          .isTrue();
      assertThat(memory.openUploads()).as("multipart uploads left open").isZero();
      return;
    }
    VARIANTS.computeIfAbsent(mode, m -> new java.util.concurrent.atomic.AtomicInteger()).addAndGet((int) variants);
    DUPLICATES.computeIfAbsent(mode, m -> new java.util.concurrent.atomic.AtomicInteger())
        .addAndGet(duplicated.size());
    TABLE.put(String.format("%-15s %-14s %-28s", mode, policy, fault), String.format("produced=%4d files=%3d"
        + " variant-keys=%2d tasks=%d crashes=%d lost=%d duplicated=%d", produced.size(), landed.files(), variants,
        connect.tasksStarted(), connect.crashes(), lost.size(), duplicated.size()));
    assertThat(lost).as("lost").isEmpty();
    if (mode == Mode.MARKERS) {
      assertThat(duplicated).as("duplicated").isEmpty();
    } else {
      assertThat(duplicated).as("only produced records land").allMatch(produced::containsKey);
    }
    if (mode == Mode.MARKERS_DELETED) {
      assertThat(markersDeleted).as("markers were deleted before a new task started").isPositive();
    }
    if (mode == Mode.OFFSET_RESET) {
      assertThat(resets).as("committed offsets were reset").isPositive();
    }
    if (fault == Fault.CRASH_AFTER_MARKER || fault == Fault.CRASH_BETWEEN_FILES) {
      assertThat(store.crashed()).as("the crash point was reached").isTrue();
    }
    assertThat(memory.openUploads()).as("multipart uploads left open").isZero();
  }

  private static void checkSideFiles(Mode mode, Fault fault, InMemoryObjectStore memory, List<String> dataKeys,
      long variants, SimulatedConnect connect, LandedRecords landed, List<String> lost, List<String> duplicated,
      int produced, Policy policy) throws Exception {
    long rows = 0;
    java.util.Set<String> paired = new java.util.HashSet<>();
    for (String key : dataKeys) {
      if (key.contains("/_epochs/")) {
        continue;
      }
      rows += io.streamlake.connect.s3.testing.SideFiles.assertOrdersPairUp(key, memory::object);
      for (String part : List.of("keys", "headers")) {
        String side = io.streamlake.connect.s3.testing.SideFiles.sideKey(key, ".snappy.parquet", part, ".avro");
        paired.add(side);
        assertThat(memory.metadata(side)).as("range of " + side).isEqualTo(memory.metadata(key));
      }
    }
    List<String> orphans = memory.keys().stream().filter(CrashingStore::isSideFile)
        .filter(k -> !paired.contains(k) && !k.equals(takenSideKey(policy))).toList();
    SIDE_TABLE.put(String.format("%-15s %-14s %-28s", mode, policy, fault), String.format("produced=%4d files=%3d"
        + " rows=%4d variant-keys=%2d tasks=%d crashes=%d lost=%d duplicated=%d orphan-side-files=%d", produced,
        landed.files(), rows, variants, connect.tasksStarted(), connect.crashes(), lost.size(), duplicated.size(),
        orphans.size()));
    assertThat(lost).as("lost").isEmpty();
    if (mode == Mode.MARKERS) {
      assertThat(duplicated).as("duplicated").isEmpty();
      assertThat(orphans).as("side files without their data file").isEmpty();
    }
    if (fault == Fault.SIDE_FILE_TAKEN) {
      assertThat(memory.metadata(takenSideKey(policy)).orElseThrow()).as("the taken side file is left as it was")
          .containsEntry(FileRange.LAST, "0");
      assertThat(dataKeys).as("the data file whose side file collided took a variant key, with its side files")
          .contains(firstFileBase(policy) + ".1.snappy.parquet")
          .doesNotContain(firstFileBase(policy) + ".snappy.parquet");
    }
  }

  private static boolean committedPast(SimulatedConnect connect, long offset) {
    return connect.committed().values().stream().anyMatch(o -> o > offset);
  }

  private static int deleteMarkers(InMemoryObjectStore memory) {
    List<String> markers = memory.keys().stream().filter(k -> k.contains("_epochs/")).toList();
    markers.forEach(memory::delete);
    return markers.size();
  }

  @AfterAll
  static void printTableAndCheckTheMatrixCanTell() {
    System.out.println("Exactly-once scenarios (mode x policy x fault):");
    TABLE.forEach((k, v) -> System.out.println("  " + k + " " + v));
    System.out.println("variant keys per mode: " + VARIANTS + "; duplicates per mode: " + DUPLICATES);
    System.out.println("Side-file scenarios (mode x policy x fault):");
    SIDE_TABLE.forEach((k, v) -> System.out.println("  " + k + " " + v));
    if (TABLE.size() == scenarios().size()) { // the whole matrix ran
      assertThat(DUPLICATES.get(Mode.MARKERS_OFF).get()).as("without markers the matrix finds duplicates, so"
          + " it can tell").isPositive();
      assertThat(VARIANTS.get(Mode.OFFSET_RESET).get()).as("key collisions were met and written under variant"
          + " keys").isPositive();
    }
  }
}
