package io.streamlake.benchmarks;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.CountingObjectStore;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.MemoryScenario;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.OpenFiles;
import io.streamlake.connect.s3.writer.SinkWriter;
import io.streamlake.connect.s3.writer.SinkWriters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Memory and fan-out (issue item 4): the workload of the sink's {@code MemoryScenario} (one task, P partitions,
 * record i of every partition in hour i % 24, so all P x 24 hourly files are open at once, default
 * {@code buffer.memory.max.bytes}), run in a forked JVM with a fixed heap, plus what that scenario does not
 * count: bytes per file and S3 requests per file, and memory per open file (measured from the live heap and as
 * counted by the memory budget). Objects are checked (Parquet footer row count) and dropped.
 *
 * <p>Arguments: {@code --partitions=P --per-partition=R --dictionary=true --compact=BYTES} (buffer.compact.max.bytes,
 * default: the sink's default).
 */
public final class FanOutBench {

  private FanOutBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Bench.args(argv);
    int partitions = Integer.parseInt(args.getOrDefault("partitions", "100"));
    int perPartition = Integer.parseInt(args.getOrDefault("per-partition", "2400"));
    String dictionary = args.getOrDefault("dictionary", "true");
    String compact = args.getOrDefault("compact", Long.toString(S3SinkConfig.COMPACT_MAX_DEFAULT));
    long t0 = OrderEvents.T0;
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
    props.put("parquet.dictionary.enabled", dictionary);
    props.put("buffer.compact.max.bytes", compact);
    S3SinkConfig config = new S3SinkConfig(props);
    long baseline = Bench.liveHeapBytes();
    long produced = 0;
    long live;
    long peak;
    OpenFiles open;
    long warmFiles;
    long warmRows;
    long warmRequests;
    long warmDataRequests;
    long warmBytes;
    long started = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> committed;
    try (Bench.HeapSampler sampler = new Bench.HeapSampler();
        SinkWriter writer = SinkWriters.create(config, store, new FakeSinkTaskContext(null), "fanout", clock)) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        tps.add(new TopicPartition("events", p));
      }
      writer.open(tps);
      MemoryScenario.warmUp(writer, clock, t0);
      warmFiles = store.files();
      warmRows = store.rows();
      warmRequests = store.requests();
      warmDataRequests = store.dataRequests();
      warmBytes = store.dataBytes();
      long before = Bench.liveHeapBytes();
      produced = MemoryScenario.produceFanOut(writer, partitions, perPartition, t0);
      live = Bench.liveHeapBytes();
      open = OpenFiles.of(writer, live - before);
      long openBytes = writer.memoryBytes();
      clock.advance(2 * 86_400_000L);
      writer.tick();
      committed = writer.committableOffsets();
      peak = sampler.peakBytes();
      System.out.printf("fan-out %d partitions: estimated bytes held by open files before the last cut %d%n",
          partitions, openBytes);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long fullyCommitted = committed.values().stream().filter(o -> o.offset() == perPartition).count();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("partitions", partitions);
    r.put("buckets", 24);
    r.put("dictionary", Boolean.parseBoolean(dictionary));
    r.put("compactMaxBytes", Long.parseLong(compact));
    r.put("perPartition", perPartition);
    r.put("produced", produced);
    // Without the warm-up file (MemoryScenario.warmUp).
    long files = store.files() - warmFiles;
    long requests = store.requests() - warmRequests;
    long dataRequests = store.dataRequests() - warmDataRequests;
    r.put("rows", store.rows() - warmRows);
    r.put("committedPartitions", fullyCommitted);
    r.put("files", files);
    r.put("meanFileBytes", files == 0 ? 0 : (store.dataBytes() - warmBytes) / files);
    r.put("requests", requests);
    r.put("dataRequests", dataRequests);
    r.put("requestsPerFile", Bench.round((double) requests / Math.max(1, files), 2));
    r.put("dataRequestsPerFile", Bench.round((double) dataRequests / Math.max(1, files), 2));
    r.put("multipartFiles", store.multipartFiles());
    r.put("peakHeapMB", peak >> 20);
    r.put("liveHeapAllOpenMB", live >> 20);
    r.put("baselineLiveHeapMB", baseline >> 20);
    r.put("openFiles", open.files());
    r.put("measuredPerOpenFileBytes", open.measuredPerFile());
    r.put("countedPerOpenFileBytes", open.countedPerFile());
    r.put("compactBytesPerRow", OpenFiles.compactBytesPerRow());
    r.put("seconds", Bench.round(seconds, 2));
    r.put("jvm", Bench.jvm());
    Bench.printResult(r);
  }
}
