package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.writer.SinkWriter;
import io.streamlake.connect.s3.writer.SinkWriters;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Runs one sink task's writer over many partitions x 24 hourly buckets with every bucket open at once, in the heap it
 * is given ({@code -Xmx}), and prints one RESULT line: rows landed, files, peak heap, live heap with every bucket
 * open, and memory per open file (measured: live heap after a full GC less the live heap before the first record,
 * per open file; counted: what the task's memory budget sees). Launched in a forked JVM by {@code MemoryBoundIT};
 * the benchmarks' {@code FanOutBench} runs the same workload. Objects are not kept: each is checked (its Parquet
 * footer row count) and dropped.
 *
 * <p>Arguments: partitions, records per partition. System properties: {@code memory.scenario.dictionary},
 * {@code memory.scenario.budget}, {@code memory.scenario.compact} (buffer.compact.max.bytes).
 */
public final class MemoryScenario {

  private MemoryScenario() {}

  public static void main(String[] args) throws Exception {
    int partitions = Integer.parseInt(args[0]);
    int perPartition = Integer.parseInt(args[1]);
    long t0 = 1_798_761_600_000L;
    CountingObjectStore store = new CountingObjectStore();
    MutableClock clock = new MutableClock(t0);
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "hourly");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    props.put("rotate.interval.ms", "86400000");
    props.put("flush.size", Integer.toString(Integer.MAX_VALUE));
    props.put("parquet.dictionary.enabled", System.getProperty("memory.scenario.dictionary", "true"));
    props.put("buffer.memory.max.bytes", System.getProperty("memory.scenario.budget", "268435456"));
    String compact = System.getProperty("memory.scenario.compact");
    if (compact != null) {
      props.put("buffer.compact.max.bytes", compact);
    }
    S3SinkConfig config = new S3SinkConfig(props);
    SinkWriter writer = SinkWriters.create(config, store, new FakeSinkTaskContext(null), "memory", clock);
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      tps.add(new TopicPartition("events", p));
    }
    writer.open(tps);
    warmUp(writer, clock, t0);
    long warmFiles = store.files();
    long warmRows = store.rows();
    long before = liveHeap();
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long started = System.nanoTime();
    long produced = produceFanOut(writer, partitions, perPartition, t0);
    if (Boolean.getBoolean("memory.scenario.pause")) {
      Thread.sleep(30_000); // time to take a heap histogram with jcmd
    }
    // The live set with every bucket still open: what the task really holds (a full GC first).
    long live = liveHeap();
    OpenFiles open = OpenFiles.of(writer, live - before);
    clock.advance(2 * 86_400_000L);
    writer.tick();
    Map<TopicPartition, OffsetAndMetadata> committed = writer.committableOffsets();
    long fullyCommitted = committed.values().stream().filter(o -> o.offset() == perPartition).count();
    sampler.interrupt();
    sampler.join();
    long peak = sampler.peak;
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("RESULT produced=%d rows=%d files=%d committedPartitions=%d peakHeapUsedMB=%d"
            + " liveHeapMB=%d liveBeforeMB=%d openFiles=%d measuredPerOpenFileBytes=%d countedPerOpenFileBytes=%d"
            + " compactBytesPerRow=%d maxHeapMB=%d seconds=%.1f%n", produced, store.rows() - warmRows,
        store.files() - warmFiles, fullyCommitted, peak >> 20, live >> 20, before >> 20, open.files(), open.measuredPerFile(),
        open.countedPerFile(), OpenFiles.compactBytesPerRow(), Runtime.getRuntime().maxMemory() >> 20, seconds);
  }

  /**
   * Puts {@code perPartition} records into each of {@code partitions} partitions of topic {@code events} in
   * batches of 500, record i of every partition in hour i % 24 after {@code t0}, so that all 24 hourly buckets of
   * all partitions are open at once. Record ids equal offsets. Returns the number of records put.
   */
  public static long produceFanOut(SinkWriter writer, int partitions, int perPartition, long t0) {
    long produced = 0;
    List<SinkRecord> batch = new ArrayList<>(500);
    for (int i = 0; i < perPartition; i++) {
      for (int p = 0; p < partitions; p++) {
        batch.add(Orders.record("events", p, i, t0 + (i % 24) * 3_600_000L + i));
        produced++;
        if (batch.size() == 500) {
          writer.put(batch);
          batch = new ArrayList<>(500);
        }
      }
    }
    writer.put(batch);
    return produced;
  }

  /**
   * Writes and cuts one file of topic {@code warmup} (which must not be one of the measured topics), so that what a
   * task allocates once (Parquet's shared compressor, caches) is in the heap before the measurement starts and not
   * counted as memory of open files. Advances the clock by two days.
   */
  public static void warmUp(SinkWriter writer, MutableClock clock, long t0) {
    TopicPartition warm = new TopicPartition("warmup", 0);
    writer.open(List.of(warm));
    writer.put(List.of(Orders.record("warmup", 0, 0, t0)));
    clock.advance(2 * 86_400_000L);
    writer.tick();
    writer.committableOffsets();
  }

  /** Heap in use after full collections: the live set. */
  public static long liveHeap() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Samples the used heap every 20 ms and keeps the highest value seen (garbage not yet collected included). */
  private static final class HeapSampler extends Thread {
    private volatile long peak;

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      while (!isInterrupted()) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
