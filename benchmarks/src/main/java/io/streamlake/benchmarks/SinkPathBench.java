package io.streamlake.benchmarks;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.storage.ObjectStore;
import io.streamlake.connect.s3.storage.S3Stores;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.writer.SinkWriter;
import io.streamlake.connect.s3.writer.SinkWriters;
import io.streamlake.kit.S3Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The sink task path (issue item 2): one task's {@link SinkWriter} (what {@code S3SinkTask.put/preCommit}
 * delegate to) over N order events of one partition, in batches of 500 as Connect hands them over, with a
 * preCommit every 20 batches, against an in-memory {@link ObjectStore} or the in-process S3 endpoint
 * (s3proxy over HTTP). Files are cut every {@code --file-records} records; the last one by the schedule.
 * Building the SinkRecords is outside the timed region. Defaults of the sink otherwise (exactly-once on).
 *
 * <p>Arguments: {@code --records=N --passes=P --file-records=F --format=parquet|json --codec=snappy|zstd|gzip
 * --store=memory|s3 --label=TEXT}.
 */
public final class SinkPathBench {

  private static final int BATCH = 10_000;
  private static final int PUT = 500;
  private static final String TOPIC = "orders";

  private SinkPathBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Bench.args(argv);
    long records = Long.parseLong(args.getOrDefault("records", "1000000"));
    int passes = Integer.parseInt(args.getOrDefault("passes", "5"));
    int fileRecords = Integer.parseInt(args.getOrDefault("file-records", "100000"));
    String format = args.getOrDefault("format", "parquet");
    String codec = args.getOrDefault("codec", "snappy");
    String storeKind = args.getOrDefault("store", "memory");
    S3Endpoint s3 = storeKind.equals("s3") ? S3Endpoint.inMemory() : null;
    List<Map<String, Object>> results = new ArrayList<>();
    try {
      for (int pass = 1; pass <= passes; pass++) {
        String bucket = "bench-" + pass;
        Map<String, String> props = new HashMap<>();
        props.put("s3.bucket.name", bucket);
        props.put("format.class", format);
        if (format.equals("parquet")) {
          props.put("parquet.codec", codec);
        } else {
          props.put("s3.compression.type", codec);
        }
        props.put("flush.size", Integer.toString(fileRecords));
        props.put("rotate.schedule.interval.ms", "3600000");
        props.put("timezone", "UTC");
        if (s3 != null) {
          s3.createBucket(bucket);
          props.put("store.url", s3.endpoint().toString());
          props.put("s3.region", "us-east-1");
          props.put("aws.access.key.id", S3Endpoint.ACCESS_KEY);
          props.put("aws.secret.access.key", S3Endpoint.SECRET_KEY);
        }
        S3SinkConfig config = new S3SinkConfig(props);
        InMemoryObjectStore memory = s3 == null ? new InMemoryObjectStore() : null;
        S3Stores.Handle handle = s3 == null ? null : S3Stores.create(config);
        ObjectStore store = memory != null ? memory : handle.store();
        Map<String, Object> r = run(config, store, records, fileRecords);
        r.put("pass", pass);
        if (memory != null) {
          long bytes = 0;
          int files = 0;
          for (String key : memory.keys()) {
            if (!key.contains("_epochs/")) {
              bytes += memory.object(key).length;
              files++;
            }
          }
          r.put("files", files);
          r.put("storedBytes", bytes);
        } else {
          List<String> keys = s3.keys(bucket, "topics/" + TOPIC + "/");
          r.put("files", keys.size());
        }
        if (handle != null) {
          handle.close();
        }
        results.add(r);
        System.out.printf("sink %s/%s/%s pass %d: %s%n", format, codec, storeKind, pass, r);
      }
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("label", args.getOrDefault("label", "current build"));
    result.put("records", records);
    result.put("format", format);
    result.put("codec", codec);
    result.put("store", storeKind);
    result.put("fileRecords", fileRecords);
    result.put("passes", results);
    result.put("jvm", Bench.jvm());
    Bench.printResult(result);
  }

  /** One pass with a fresh writer; returns its timings. Fails when not every offset ends up committable. */
  static Map<String, Object> run(S3SinkConfig config, ObjectStore store, long records, int fileRecords) {
    MutableClock clock = new MutableClock(OrderEvents.T0);
    TopicPartition tp = new TopicPartition(TOPIC, 0);
    long nanos = 0;
    long cpu = 0;
    long committed = -1;
    try (SinkWriter writer = SinkWriters.create(config, store, new FakeSinkTaskContext(null), "bench", clock)) {
      writer.open(List.of(tp));
      int puts = 0;
      for (long first = 0; first < records; first += BATCH) {
        List<SinkRecord> batch = OrderEvents.sinkRecords(TOPIC, 0, first, (int) Math.min(BATCH, records - first));
        long start = System.nanoTime();
        long cpuStart = Bench.threadCpuNanos();
        for (int from = 0; from < batch.size(); from += PUT) {
          writer.put(batch.subList(from, Math.min(batch.size(), from + PUT)));
          if (++puts % 20 == 0) {
            writer.committableOffsets();
          }
        }
        nanos += System.nanoTime() - start;
        cpu += Bench.threadCpuNanos() - cpuStart;
      }
      long start = System.nanoTime();
      long cpuStart = Bench.threadCpuNanos();
      clock.advance(2 * 3_600_000L);
      writer.tick();
      Map<TopicPartition, OffsetAndMetadata> offsets = writer.committableOffsets();
      nanos += System.nanoTime() - start;
      cpu += Bench.threadCpuNanos() - cpuStart;
      committed = offsets.containsKey(tp) ? offsets.get(tp).offset() : -1;
    }
    if (committed != records) {
      throw new IllegalStateException("Committable offset " + committed + " after " + records + " records");
    }
    double seconds = nanos / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("seconds", Bench.round(seconds, 3));
    r.put("recordsPerSec", Math.round(records / seconds));
    r.put("cpuSeconds", Bench.round(cpu / 1e9, 3));
    r.put("recordsPerCpuSec", Math.round(records / (cpu / 1e9)));
    return r;
  }
}
