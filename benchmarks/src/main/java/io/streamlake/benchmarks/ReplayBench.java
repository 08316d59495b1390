package io.streamlake.benchmarks;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.source.S3SourceConnector;
import io.streamlake.connect.s3.source.S3SourceTask;
import io.streamlake.connect.s3.storage.S3Stores;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.writer.SinkWriter;
import io.streamlake.connect.s3.writer.SinkWriters;
import io.streamlake.kit.S3Endpoint;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Replay throughput per task (issue 18 item 4): the sink writes N reference events of one partition (with a key
 * and two headers each) to the in-process S3 endpoint (s3proxy over HTTP) in files of {@code --file-records};
 * then one {@link S3SourceTask}, configured by the connector as a worker would, polls until every record is out.
 * Timed: the task's start and polls (listing, downloads, decoding, SourceRecords), not the writing. CPU is the
 * whole process's (the task may download in the background), so it includes s3proxy serving the objects.
 *
 * <p>Arguments: {@code --records=N --passes=P --file-records=F --format=parquet|json|avro --envelope=true|false}.
 */
public final class ReplayBench {

  private static final String TOPIC = "orders";
  private static final int BATCH = 10_000;

  private ReplayBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Bench.args(argv);
    long records = Long.parseLong(args.getOrDefault("records", "1000000"));
    int passes = Integer.parseInt(args.getOrDefault("passes", "3"));
    int fileRecords = Integer.parseInt(args.getOrDefault("file-records", "100000"));
    String format = args.getOrDefault("format", "parquet");
    boolean envelope = Boolean.parseBoolean(args.getOrDefault("envelope", "true"));
    List<Map<String, Object>> results = new ArrayList<>();
    try (S3Endpoint s3 = S3Endpoint.inMemory()) {
      String bucket = "replay-bench";
      s3.createBucket(bucket);
      Map<String, String> settings = new HashMap<>(s3.sinkSettings(bucket));
      settings.put("store.envelope", Boolean.toString(envelope));
      long written = write(settings, format, records, fileRecords);
      int files = s3.keys(bucket, "topics/" + TOPIC + "/").size();
      System.out.printf("replay bench: %d records in %d %s files (envelope=%s)%n", written, files, format, envelope);
      for (int pass = 1; pass <= passes; pass++) {
        Map<String, Object> r = replay(settings, records);
        r.put("pass", pass);
        r.put("files", files);
        results.add(r);
        System.out.printf("replay %s pass %d: %s%n", format, pass, r);
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("records", records);
    result.put("format", format);
    result.put("envelope", envelope);
    result.put("fileRecords", fileRecords);
    result.put("passes", results);
    result.put("jvm", Bench.jvm());
    Bench.printResult(result);
  }

  /** Lands the records through the sink's own writer, as the sink task would. */
  private static long write(Map<String, String> settings, String format, long records, int fileRecords) {
    Map<String, String> props = new HashMap<>(settings);
    props.put("format.class", format);
    props.put("flush.size", Integer.toString(fileRecords));
    props.put("rotate.schedule.interval.ms", "3600000");
    props.put("timezone", "UTC");
    S3SinkConfig config = new S3SinkConfig(props);
    MutableClock clock = new MutableClock(OrderEvents.T0);
    TopicPartition tp = new TopicPartition(TOPIC, 0);
    try (S3Stores.Handle handle = S3Stores.create(config);
        SinkWriter writer = SinkWriters.create(config, handle.store(), new FakeSinkTaskContext(null), "bench",
            clock)) {
      writer.open(List.of(tp));
      for (long first = 0; first < records; first += BATCH) {
        List<SinkRecord> batch = new ArrayList<>();
        for (SinkRecord r : OrderEvents.sinkRecords(TOPIC, 0, first, (int) Math.min(BATCH, records - first))) {
          ConnectHeaders headers = new ConnectHeaders();
          headers.addBytes("trace", Long.toString(r.kafkaOffset() * 31).getBytes(StandardCharsets.UTF_8));
          headers.addBytes("source", "bench".getBytes(StandardCharsets.UTF_8));
          batch.add(r.newRecord(TOPIC, 0, Schema.OPTIONAL_BYTES_SCHEMA,
              ("order-" + r.kafkaOffset()).getBytes(StandardCharsets.UTF_8), r.valueSchema(), r.value(),
              r.timestamp(), headers));
        }
        writer.put(batch);
      }
      clock.advance(2 * 3_600_000L);
      writer.tick();
      Map<TopicPartition, OffsetAndMetadata> offsets = writer.committableOffsets();
      long committed = offsets.containsKey(tp) ? offsets.get(tp).offset() : -1;
      if (committed != records) {
        throw new IllegalStateException("Committable offset " + committed + " after " + records + " records");
      }
      return committed;
    } catch (Exception e) {
      throw new IllegalStateException("writing the lake failed", e);
    }
  }

  /** One replay by a fresh task from no offsets. Fails unless exactly {@code records} come out. */
  private static Map<String, Object> replay(Map<String, String> settings, long records) throws Exception {
    Map<String, String> props = new HashMap<>(settings);
    props.put("name", "replay-bench");
    props.put("replay.topic.mapping", TOPIC + ":" + TOPIC + "_restored");
    props.put("replay.batch.max.records", "2000");
    S3SourceConnector connector = new S3SourceConnector();
    connector.start(props);
    List<Map<String, String>> taskConfigs = connector.taskConfigs(1);
    S3SourceTask task = new S3SourceTask();
    task.initialize(new NoOffsets(taskConfigs.get(0)));
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long count = 0;
    try {
      task.start(taskConfigs.get(0));
      while (count < records) {
        List<SourceRecord> batch = task.poll();
        if (batch == null) {
          if (System.nanoTime() - start > 600_000_000_000L) {
            throw new IllegalStateException("replay stalled at " + count + " of " + records);
          }
          continue;
        }
        count += batch.size();
      }
    } finally {
      task.stop();
      connector.stop();
    }
    long nanos = System.nanoTime() - start;
    long cpu = processCpuNanos() - cpuStart;
    if (count != records) {
      throw new IllegalStateException("replayed " + count + " of " + records);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("seconds", Bench.round(nanos / 1e9, 3));
    r.put("recordsPerSec", Math.round(records / (nanos / 1e9)));
    r.put("processCpuSeconds", Bench.round(cpu / 1e9, 3));
    r.put("recordsPerCpuSec", Math.round(records / (cpu / 1e9)));
    return r;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A task context with no stored offsets: the replay starts from the beginning of the lake. */
  private record NoOffsets(Map<String, String> configs) implements SourceTaskContext {
    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
          return null;
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(java.util.Collection<Map<String, T>> partitions) {
          return Map.of();
        }
      };
    }
  }
}
