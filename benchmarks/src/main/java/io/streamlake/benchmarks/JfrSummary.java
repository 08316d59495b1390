package io.streamlake.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads JFR recordings. The sink path: a recording's execution samples of one thread (the benchmark's main thread) and ranks methods by
 * self samples (top frame) and by total samples (anywhere on the stack), plus the share per code area. Samples
 * taken while the harness builds its input records are left out.
 */
final class JfrSummary {

  private JfrSummary() {}

  static Map<String, Object> summarize(Path recording, String thread, int top) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> areas = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      if (event.getThread("sampledThread") == null
          || !thread.equals(event.getThread("sampledThread").getJavaName())) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = stack.getFrames();
      if (frames.stream().anyMatch(f -> isFixture(f.getMethod().getType().getName()))) {
        continue; // building the input records (outside the timed region)
      }
      samples++;
      String topName = name(frames.get(0).getMethod());
      self.merge(topName, 1, Integer::sum);
      areas.merge(area(frames), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String n = name(frame.getMethod());
        if (seen.add(n)) {
          total.merge(n, 1, Integer::sum);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("samples", samples);
    out.put("selfTop", ranked(self, samples, top));
    out.put("totalTop", ranked(total, samples, top * 2));
    out.put("areas", ranked(areas, samples, 20));
    return out;
  }

  /** A connector run: samples between start and end (epoch ms) belong to it. */
  record Window(String label, long startMs, long endMs) {}

  /**
   * The end-to-end recording, per connector run (the runs are sequential): execution samples per thread group,
   * and for the samples of sink task threads (WorkerSinkTask on the stack) the share with a component anywhere
   * on the stack (the JSON converter, the consumer, the sink's own code, Parquet).
   */
  static Map<String, Object> summarizeEndToEnd(Path recording, List<Window> windows) throws IOException {
    Map<String, Map<String, Integer>> groups = new HashMap<>();
    Map<String, Map<String, Integer>> components = new HashMap<>();
    Map<String, Integer> all = new HashMap<>();
    Map<String, Integer> taskSamples = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      long at = event.getStartTime().toEpochMilli();
      Window window = windows.stream().filter(w -> at >= w.startMs() && at <= w.endMs()).findFirst().orElse(null);
      if (window == null) {
        continue;
      }
      String label = window.label();
      all.merge(label, 1, Integer::sum);
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      boolean task = frames.stream().anyMatch(f -> f.getMethod().getType().getName()
          .equals("org.apache.kafka.connect.runtime.WorkerSinkTask"));
      String thread = event.getThread("sampledThread") == null ? "?"
          : String.valueOf(event.getThread("sampledThread").getJavaName());
      groups.computeIfAbsent(label, l -> new HashMap<>()).merge(task ? "sink task threads" : threadGroup(thread), 1,
          Integer::sum);
      if (!task) {
        continue;
      }
      taskSamples.merge(label, 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String component = component(frame.getMethod().getType().getName(), frame.getMethod().getName());
        if (component != null && seen.add(component)) {
          components.computeIfAbsent(label, l -> new HashMap<>()).merge(component, 1, Integer::sum);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Window w : windows) {
      Map<String, Object> run = new LinkedHashMap<>();
      int samples = all.getOrDefault(w.label(), 0);
      int tasks = taskSamples.getOrDefault(w.label(), 0);
      run.put("samples", samples);
      run.put("threadGroups", ranked(groups.getOrDefault(w.label(), Map.of()), samples, 8));
      run.put("taskSamples", tasks);
      run.put("componentsOnTaskStacks", ranked(components.getOrDefault(w.label(), Map.of()), tasks, 10));
      out.put(w.label(), run);
    }
    return out;
  }

  private static String threadGroup(String thread) {
    if (thread.startsWith("qtp") || thread.contains("S3Proxy") || thread.contains("SProxy")) {
      return "s3proxy (HTTP server, in-process S3)";
    }
    if (thread.startsWith("kafka-producer-network-thread")) {
      return "producer network threads";
    }
    if (thread.startsWith("data-plane-kafka") || thread.startsWith("kafka-request-handler")
        || thread.startsWith("ReplicaFetcher") || thread.startsWith("kafka-") || thread.contains("Processor")
        || thread.startsWith("ExpirationReaper") || thread.contains("log-cleaner") || thread.startsWith("group-coordinator")) {
      return "broker";
    }
    if (thread.startsWith("pool-")) {
      return "worker pool threads outside a sink task (e.g. Iceberg's coordinator)";
    }
    return "other: " + thread.replaceAll("[-_ ]?\\d+", "");
  }

  private static String component(String type, String method) {
    if (type.equals("org.apache.kafka.connect.json.JsonConverter") && method.equals("toConnectData")) {
      return "JsonConverter.toConnectData (JSON with schema -> Connect)";
    }
    if (type.startsWith("io.streamlake.connect.json.") && method.equals("toConnectData")) {
      return "FastJsonConverter.toConnectData (JSON with schema -> Connect)";
    }
    if (type.startsWith("org.apache.kafka.clients.consumer")) {
      return "Kafka consumer (fetch, decompress, deserialize)";
    }
    if (type.startsWith("io.streamlake") && !type.startsWith("io.streamlake.connect.json.")) {
      return "our sink code (put, mapping, Parquet writes, S3)";
    }
    if (type.startsWith("org.apache.iceberg")) {
      return "Iceberg sink code";
    }
    if (type.startsWith("org.apache.parquet")) {
      return "Parquet";
    }
    if (type.equals("org.apache.kafka.connect.runtime.WorkerSinkTask") && method.equals("convertAndTransformRecord")) {
      return "WorkerSinkTask.convertAndTransformRecord";
    }
    return null;
  }

  private static boolean isFixture(String type) {
    return type.startsWith("io.streamlake.benchmarks.OrderEvents") || type.startsWith("io.streamlake.connect.s3.testing.");
  }

  /** The first frame (from the top) that belongs to a known area: whose code is burning the time. */
  private static String area(List<RecordedFrame> frames) {
    String topType = frames.get(0).getMethod().getType().getName();
    if (topType.startsWith("org.apache.parquet")) {
      return "parquet (encoding, compression)";
    }
    if (topType.startsWith("org.xerial.snappy") || topType.startsWith("com.github.luben")) {
      return "codec (snappy/zstd native)";
    }
    if (topType.startsWith("io.streamlake")) {
      return "streamlake";
    }
    if (topType.startsWith("org.apache.avro")) {
      return "avro";
    }
    if (topType.startsWith("org.apache.kafka")) {
      return "kafka/connect";
    }
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("org.apache.parquet")) {
        return "jdk, called from parquet";
      }
      if (type.startsWith("io.streamlake")) {
        return "jdk, called from streamlake";
      }
      if (type.startsWith("org.apache.avro")) {
        return "jdk, called from avro";
      }
    }
    return "other: " + topType;
  }

  private static String name(RecordedMethod method) {
    return method.getType().getName() + "." + method.getName();
  }

  private static List<Map<String, Object>> ranked(Map<String, Integer> counts, int samples, int top) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, Integer> e : entries.subList(0, Math.min(top, entries.size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("method", e.getKey());
      row.put("samples", e.getValue());
      row.put("percent", Bench.round(100.0 * e.getValue() / Math.max(1, samples), 1));
      out.add(row);
    }
    return out;
  }
}
