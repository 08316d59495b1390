package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.writer.SinkWriter;
import io.streamlake.connect.s3.writer.SinkWriters;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * Runs one sink task's writer over many partitions x 24 hourly buckets with every bucket open at once, in the heap it
 * is given ({@code -Xmx}), and prints one RESULT line: rows landed, files, peak heap. Launched in a forked JVM
 * by {@code MemoryBoundIT}. Objects are not kept: each is checked (its Parquet footer row count) and dropped.
 *
 * <p>Arguments: partitions, records per partition.
 */
public final class MemoryScenario {

  private MemoryScenario() {}

  public static void main(String[] args) throws Exception {
    int partitions = Integer.parseInt(args[0]);
    int perPartition = Integer.parseInt(args[1]);
    long t0 = 1_798_761_600_000L;
    CountingStore store = new CountingStore();
    MutableClock clock = new MutableClock(t0);
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "hourly");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    props.put("rotate.interval.ms", "86400000");
    props.put("parquet.dictionary.enabled", System.getProperty("memory.scenario.dictionary", "true"));
    props.put("buffer.memory.max.bytes", System.getProperty("memory.scenario.budget", "268435456"));
    S3SinkConfig config = new S3SinkConfig(props);
    SinkWriter writer = SinkWriters.create(config, store, new FakeSinkTaskContext(null), "memory", clock);
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      tps.add(new TopicPartition("events", p));
    }
    writer.open(tps);
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long started = System.nanoTime();
    long produced = 0;
    List<SinkRecord> batch = new ArrayList<>(500);
    for (int i = 0; i < perPartition; i++) {
      for (int p = 0; p < partitions; p++) {
        // Record i of every partition lands in hour i % 24: all 24 buckets of all partitions are open at once.
        batch.add(Orders.record("events", p, i, t0 + (i % 24) * 3_600_000L + i));
        produced++;
        if (batch.size() == 500) {
          writer.put(batch);
          batch = new ArrayList<>(500);
        }
      }
    }
    writer.put(batch);
    if (Boolean.getBoolean("memory.scenario.pause")) {
      Thread.sleep(30_000); // time to take a heap histogram with jcmd
    }
    // The live set with every bucket still open: what the task really holds (a full GC first).
    System.gc();
    long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    clock.advance(2 * 86_400_000L);
    writer.tick();
    Map<TopicPartition, OffsetAndMetadata> committed = writer.committableOffsets();
    long fullyCommitted = committed.values().stream().filter(o -> o.offset() == perPartition).count();
    sampler.interrupt();
    sampler.join();
    long peak = sampler.peak;
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("RESULT produced=%d rows=%d files=%d committedPartitions=%d peakHeapUsedMB=%d"
            + " liveHeapMB=%d maxHeapMB=%d seconds=%.1f%n", produced, store.rows.get(), store.files.get(),
        fullyCommitted, peak >> 20, live >> 20,
        Runtime.getRuntime().maxMemory() >> 20, seconds);
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

  /** Keeps markers; checks and drops data objects. */
  static final class CountingStore implements ObjectStore {
    final AtomicLong rows = new AtomicLong();
    final AtomicLong files = new AtomicLong();
    private final Map<String, byte[]> markers = new ConcurrentHashMap<>();

    private void land(byte[] bytes) {
      try {
        for (BlockMetaData block : ParquetFiles.footer(bytes).getBlocks()) {
          rows.addAndGet(block.getRowCount());
        }
        files.incrementAndGet();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
      if (key.contains("_epochs/")) {
        return markers.putIfAbsent(key, data) == null;
      }
      land(data);
      return true;
    }

    @Override
    public MultipartUpload startMultipart(String key, ObjectOptions options) {
      ByteArrayOutputStream parts = new ByteArrayOutputStream();
      return new MultipartUpload() {
        @Override
        public void uploadPart(int partNumber, byte[] data, int length) {
          parts.write(data, 0, length);
        }

        @Override
        public boolean completeIfAbsent() {
          land(parts.toByteArray());
          return true;
        }

        @Override
        public void abort() {
        }
      };
    }

    @Override
    public Optional<byte[]> get(String key) {
      return Optional.ofNullable(markers.get(key));
    }

    @Override
    public void tag(String key, Map<String, String> tags) {
    }

    @Override
    public void delete(String key) {
    }

    @Override
    public String bucket() {
      return "lake";
    }
  }
}
