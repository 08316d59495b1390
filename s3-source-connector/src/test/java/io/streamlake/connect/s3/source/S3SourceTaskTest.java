package io.streamlake.connect.s3.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.source.listing.LakeStores;
import io.streamlake.connect.s3.source.listing.SourcePair;
import io.streamlake.connect.s3.source.task.ReplayOffsets;
import io.streamlake.connect.s3.source.task.ReplayReaders;
import io.streamlake.connect.s3.source.task.ReplayRecord;
import io.streamlake.connect.s3.source.task.ReplayTasks;
import io.streamlake.connect.s3.source.testing.FakeOffsets;
import io.streamlake.connect.s3.source.testing.FakeReplayReaders;
import io.streamlake.connect.s3.source.testing.InMemoryLakeStore;
import io.streamlake.connect.s3.source.testing.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task against an in-memory bucket and fake file readers: order, resume, duplicates, fairness, stop. */
class S3SourceTaskTest {

  private InMemoryLakeStore store;
  private Lake lake;

  @BeforeEach
  void setUp() {
    FakeReplayReaders.reset();
    store = new InMemoryLakeStore();
    lake = new Lake(store);
  }

  /**
   * orders-0 in two hourly buckets whose offsets interleave, a variant key holding the first file's records a
   * second time, and a third file; orders-1 in one file. Markers and side files around them.
   */
  private void envelopeLake() {
    lake.file(Lake.key("hour=00", "orders", 0, 0, 0, ".parquet"), "orders", 0, List.of(0L, 1L, 2L, 5L, 6L), true);
    lake.file(Lake.key("hour=00", "orders", 0, 0, 1, ".parquet"), "orders", 0, List.of(0L, 1L, 2L, 5L, 6L), true);
    lake.file(Lake.key("hour=01", "orders", 0, 3, 0, ".parquet"), "orders", 0, List.of(3L, 4L, 7L, 8L), true);
    lake.file(Lake.key("hour=01", "orders", 0, 9, 0, ".parquet"), "orders", 0, Lake.range(9, 11), true);
    lake.file(Lake.key("hour=00", "orders", 1, 0, 0, ".parquet"), "orders", 1, Lake.range(0, 4), true);
    lake.object("topics/_epochs/orders/0/0000000000.json");
  }

  private Map<String, String> props(boolean envelope, int batch, String pairs) {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("store.envelope", Boolean.toString(envelope));
    props.put("replay.batch.max.records", Integer.toString(batch));
    props.put("replay.topic.mapping", "orders:orders_restored");
    props.put(ReplayTasks.PAIRS_CONFIG, pairs);
    props.put(ReplayTasks.PREFIXES_CONFIG, "topics/orders/");
    return props;
  }

  private S3SourceTask task(Map<String, String> props, FakeOffsets offsets, long idleMs) {
    S3SourceTask task = new S3SourceTask(config -> new LakeStores.Handle(store, () -> { }), FakeReplayReaders::new,
        idleMs);
    task.initialize(offsets.context());
    task.start(props);
    return task;
  }

  /** Every record until the first empty poll. */
  private static List<SourceRecord> drain(S3SourceTask task) throws InterruptedException {
    List<SourceRecord> out = new ArrayList<>();
    List<SourceRecord> batch;
    while ((batch = task.poll()) != null) {
      out.addAll(batch);
    }
    return out;
  }

  private static List<String> values(List<SourceRecord> records, int partition) {
    return records.stream().filter(r -> r.kafkaPartition() == partition).map(r -> (String) r.value()).toList();
  }

  private static List<String> expected(String topic, int partition, long from, long to) {
    return Lake.range(from, to).stream().map(o -> Lake.value(topic, partition, o)).toList();
  }

  @Test
  void envelopeReplaysEveryPartitionInOffsetOrderOnceWithItsKeyTimestampAndHeaders() throws Exception {
    envelopeLake();
    S3SourceTask task = task(props(true, 1000, "orders+0,orders+1"), new FakeOffsets(), 1);
    List<SourceRecord> records = drain(task);
    task.stop();

    assertThat(values(records, 0)).containsExactlyElementsOf(expected("orders", 0, 0, 11));
    assertThat(values(records, 1)).containsExactlyElementsOf(expected("orders", 1, 0, 4));
    SourceRecord seventh = records.stream().filter(r -> r.value().equals("orders/0/7")).findFirst().orElseThrow();
    assertThat(seventh.topic()).isEqualTo("orders_restored");
    assertThat(seventh.kafkaPartition()).isZero();
    assertThat(seventh.key()).isEqualTo("k-7");
    assertThat(seventh.timestamp()).isEqualTo(Lake.BASE_TIME + 7000);
    List<Header> headers = new ArrayList<>();
    seventh.headers().forEach(headers::add);
    assertThat(headers).extracting(Header::key).containsExactly("h", "null-header");
    assertThat((byte[]) headers.get(0).value()).isEqualTo("h7".getBytes(StandardCharsets.UTF_8));
    assertThat(headers.get(1).value()).isNull();
    assertThat(seventh.sourcePartition()).isEqualTo(Map.of("topic", "orders", "partition", 0));
    assertThat(seventh.sourceOffset()).isEqualTo(Map.of("offset", 7L));
    assertThat(FakeReplayReaders.opened()).allMatch(FakeReplayReaders.Opened::envelope);
  }

  @Test
  void envelopeResumeFromEveryCommittedOffsetGivesExactlyTheRemainingRecords() throws Exception {
    envelopeLake();
    for (long committed = -1; committed <= 11; committed++) {
      FakeOffsets offsets = new FakeOffsets();
      if (committed >= 0) {
        offsets.commit(ReplayOffsets.sourcePartition(new SourcePair("orders", 0)), Map.of("offset", committed));
      }
      S3SourceTask task = task(props(true, 3, "orders+0"), offsets, 1);
      List<SourceRecord> records = drain(task);
      task.stop();
      assertThat(values(records, 0)).as("committed %d", committed)
          .containsExactlyElementsOf(committed == 11 ? List.of() : expected("orders", 0, committed + 1, 11));
    }
  }

  @Test
  void envelopeResumeDoesNotDownloadFilesWhoseRangeEndsAtTheCommittedOffset() throws Exception {
    envelopeLake();
    FakeOffsets offsets = new FakeOffsets()
        .commit(ReplayOffsets.sourcePartition(new SourcePair("orders", 0)), Map.of("offset", 8L));
    S3SourceTask task = task(props(true, 100, "orders+0"), offsets, 1);
    assertThat(values(drain(task), 0)).containsExactlyElementsOf(expected("orders", 0, 9, 11));
    task.stop();
    assertThat(store.downloads()).containsExactly(Lake.key("hour=01", "orders", 0, 9, 0, ".parquet"));
  }

  @Test
  void resumeAcrossTasksReplaysEachRecordOnceWhateverTheBatchBoundaries() throws Exception {
    envelopeLake();
    FakeOffsets offsets = new FakeOffsets();
    List<SourceRecord> all = new ArrayList<>();
    // One batch per task life: commit the last record's offset of each batch, then start a new task.
    for (int life = 0; life < 20; life++) {
      S3SourceTask task = task(props(true, 2, "orders+0,orders+1"), offsets, 1);
      List<SourceRecord> batch = task.poll();
      task.stop();
      if (batch == null) {
        break;
      }
      for (SourceRecord record : batch) {
        offsets.commit(record.sourcePartition(), record.sourceOffset());
      }
      all.addAll(batch);
    }
    assertThat(values(all, 0)).containsExactlyElementsOf(expected("orders", 0, 0, 11));
    assertThat(values(all, 1)).containsExactlyElementsOf(expected("orders", 1, 0, 4));
  }

  /** Plain files of orders-0 (rows without offsets) with keys side files, and a marker. */
  private List<String> plainLake() {
    List<String> keys = new ArrayList<>();
    keys.add(lake.file(Lake.key("partition=0", "orders", 0, 0, 0, ".json"), "orders", 0, Lake.range(0, 2), false));
    keys.add(lake.file(Lake.key("partition=0", "orders", 0, 3, 0, ".json"), "orders", 0, Lake.range(3, 4), false));
    keys.add(lake.file(Lake.key("partition=0", "orders", 0, 5, 0, ".json"), "orders", 0, Lake.range(5, 7), false));
    lake.object("topics/orders/partition=0/orders+0+0000000000.keys.avro");
    lake.object("topics/orders/partition=0/orders+0+0000000000.headers.avro");
    lake.object("topics/_epochs/orders/0/0000000000.json");
    return keys;
  }

  @Test
  void plainReplaysFilesInStartOffsetOrderWithTheirSideFilesAndKeyRowOffsets() throws Exception {
    List<String> keys = plainLake();
    S3SourceTask task = task(props(false, 1000, "orders+0"), new FakeOffsets(), 1);
    List<SourceRecord> records = drain(task);
    task.stop();
    assertThat(values(records, 0)).containsExactlyElementsOf(expected("orders", 0, 0, 7));
    assertThat(records.get(4).sourceOffset()).isEqualTo(Map.of("key", keys.get(1), "row", 1L));
    assertThat(records.get(4).timestamp()).isEqualTo(Lake.BASE_TIME + 4000);
    assertThat(FakeReplayReaders.opened()).extracting(FakeReplayReaders.Opened::data).containsExactlyElementsOf(keys);
    assertThat(FakeReplayReaders.opened().get(0).keys()).isEqualTo("topics/orders/partition=0/orders+0+0000000000"
        + ".keys.avro");
    assertThat(FakeReplayReaders.opened().get(0).headers()).endsWith(".headers.avro");
    assertThat(FakeReplayReaders.opened().get(1).keys()).isNull();
  }

  @Test
  void plainResumeFromEveryCommittedKeyAndRowGivesExactlyTheRemainingRecords() throws Exception {
    List<String> keys = plainLake();
    int[] rows = {3, 2, 3};
    long position = 0;
    for (int file = 0; file < keys.size(); file++) {
      for (int row = 0; row < rows[file]; row++) {
        FakeOffsets offsets = new FakeOffsets().commit(ReplayOffsets.sourcePartition(new SourcePair("orders", 0)),
            Map.of("key", keys.get(file), "row", (long) row));
        S3SourceTask task = task(props(false, 2, "orders+0"), offsets, 1);
        List<SourceRecord> records = drain(task);
        task.stop();
        assertThat(values(records, 0)).as("after %s row %d", keys.get(file), row)
            .containsExactlyElementsOf(position == 7 ? List.of() : expected("orders", 0, position + 1, 7));
        position++;
      }
    }
  }

  @Test
  void plainResumeAfterAFileThatIsGoneContinuesWithTheNextFileInOrder() throws Exception {
    plainLake();
    FakeOffsets offsets = new FakeOffsets().commit(ReplayOffsets.sourcePartition(new SourcePair("orders", 0)),
        Map.of("key", Lake.key("partition=0", "orders", 0, 4, 0, ".json"), "row", 0L));
    S3SourceTask task = task(props(false, 100, "orders+0"), offsets, 1);
    assertThat(values(drain(task), 0)).containsExactlyElementsOf(expected("orders", 0, 5, 7));
    task.stop();
  }

  @Test
  void eachPollSharesTheBatchRoundRobinAmongPartitions() throws Exception {
    for (int p = 0; p < 3; p++) {
      lake.file(Lake.key("partition=" + p, "orders", p, 0, 0, ".parquet"), "orders", p, Lake.range(0, 19), true);
    }
    S3SourceTask task = task(props(true, 6, "orders+0,orders+1,orders+2"), new FakeOffsets(), 1);
    List<SourceRecord> first = task.poll();
    List<SourceRecord> second = task.poll();
    task.stop();
    assertThat(first).extracting(SourceRecord::kafkaPartition).containsExactly(0, 0, 1, 1, 2, 2);
    assertThat(second).extracting(SourceRecord::kafkaPartition).containsExactly(1, 1, 2, 2, 0, 0);
    assertThat(values(first, 2)).containsExactly("orders/2/0", "orders/2/1");
    assertThat(values(second, 2)).containsExactly("orders/2/2", "orders/2/3");
  }

  @Test
  void aLongPartitionDoesNotHoldBackAShortOne() throws Exception {
    lake.file(Lake.key("partition=0", "orders", 0, 0, 0, ".parquet"), "orders", 0, Lake.range(0, 999), true);
    lake.file(Lake.key("partition=1", "orders", 1, 0, 0, ".parquet"), "orders", 1, Lake.range(0, 9), true);
    S3SourceTask task = task(props(true, 10, "orders+0,orders+1"), new FakeOffsets(), 1);
    List<SourceRecord> polled = new ArrayList<>();
    polled.addAll(task.poll());
    polled.addAll(task.poll());
    task.stop();
    assertThat(values(polled, 1)).containsExactlyElementsOf(expected("orders", 1, 0, 9));
  }

  @Test
  void whenEverythingIsReplayedPollWaitsAndStopEndsTheWaitAtOnceAndRemovesTheDownloads() throws Exception {
    Set<Path> before = replayDirs();
    envelopeLake();
    S3SourceTask task = task(props(true, 1000, "orders+0,orders+1"), new FakeOffsets(), 60_000);
    assertThat(task.poll()).hasSize(17);
    Set<Path> created = replayDirs();
    created.removeAll(before);
    assertThat(created).hasSize(1);
    try (Stream<Path> left = Files.list(created.iterator().next())) {
      assertThat(left).as("files are deleted once read").isEmpty();
    }

    long start = System.nanoTime();
    CompletableFuture<List<SourceRecord>> idle = CompletableFuture.supplyAsync(() -> {
      try {
        return task.poll();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(200);
    assertThat(idle).isNotDone();
    task.stop();
    assertThat(idle.get(5, TimeUnit.SECONDS)).isNull();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    assertThat(created.iterator().next()).doesNotExist();
    assertThat(task.poll()).isNull();
  }

  @Test
  void stopWhileAPollIsReadingReturnsWhatItHasAndReleasesEverything() throws Exception {
    Set<Path> before = replayDirs();
    lake.file(Lake.key("partition=0", "orders", 0, 0, 0, ".parquet"), "orders", 0, Lake.range(0, 99), true);
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    FakeReplayReaders fake = new FakeReplayReaders();
    // A reader that stalls before its sixth row until the test has called stop() from another thread.
    ReplayReaders stalling = (data, keys, headers, envelope) -> {
      ReplayReaders.Reader inner = fake.open(data, keys, headers, envelope);
      int[] rows = {0};
      return new ReplayReaders.Reader() {
        @Override
        public ReplayRecord next() throws IOException {
          if (rows[0]++ == 5) {
            reading.countDown();
            try {
              stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return inner.next();
        }

        @Override
        public void close() throws IOException {
          inner.close();
        }
      };
    };
    S3SourceTask task = new S3SourceTask(config -> new LakeStores.Handle(store, () -> { }), () -> stalling, 60_000);
    task.initialize(new FakeOffsets().context());
    task.start(props(true, 1000, "orders+0"));
    CompletableFuture<List<SourceRecord>> poll = CompletableFuture.supplyAsync(() -> {
      try {
        return task.poll();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
    task.stop();
    stopped.countDown();
    List<SourceRecord> got = poll.get(5, TimeUnit.SECONDS);
    assertThat(values(got, 0)).containsExactlyElementsOf(expected("orders", 0, 0, got.size() - 1));
    assertThat(got.size()).isBetween(5, 6);
    Set<Path> left = replayDirs();
    left.removeAll(before);
    assertThat(left).as("the download directory is removed").isEmpty();
    assertThat(task.poll()).isNull();
  }

  private static Set<Path> replayDirs() throws IOException {
    try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return paths.filter(p -> p.getFileName().toString().startsWith("streamlake-replay-"))
          .collect(Collectors.toCollection(HashSet::new));
    }
  }

  @Test
  void aTaskWithoutFilesLeftReturnsNothing() throws Exception {
    envelopeLake();
    FakeOffsets offsets = new FakeOffsets()
        .commit(ReplayOffsets.sourcePartition(new SourcePair("orders", 1)), Map.of("offset", 4L));
    S3SourceTask task = task(props(true, 1000, "orders+1"), offsets, 1);
    assertThat(task.poll()).isNull();
    task.stop();
    assertThat(store.downloads()).isEmpty();
  }
}
