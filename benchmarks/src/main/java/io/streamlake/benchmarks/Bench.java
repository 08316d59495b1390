package io.streamlake.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared bits of the benchmark mains: argument parsing, the RESULT line, a heap sampler. */
final class Bench {

  /** A child JVM prints exactly one line starting with this, followed by a JSON object. */
  static final String RESULT_PREFIX = "RESULT ";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Bench() {}

  /** {@code --key=value} arguments; a bare {@code --flag} is "true". */
  static Map<String, String> args(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Expected --key=value, got " + arg);
      }
      int eq = arg.indexOf('=');
      if (eq < 0) {
        out.put(arg.substring(2), "true");
      } else {
        out.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
    }
    return out;
  }

  static void printResult(Map<String, Object> result) throws Exception {
    System.out.flush();
    System.out.println(RESULT_PREFIX + JSON.writeValueAsString(result));
    System.out.flush();
  }

  static Map<String, Object> jvm() {
    Map<String, Object> jvm = new LinkedHashMap<>();
    jvm.put("maxHeapMB", Runtime.getRuntime().maxMemory() >> 20);
    jvm.put("inputArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    return jvm;
  }

  /** CPU time of the calling thread: unlike wall time, barely changed by other processes on the machine. */
  static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  /** Samples the used heap every 10 ms and keeps the highest value (garbage not yet collected included). */
  static final class HeapSampler extends Thread implements AutoCloseable {
    private volatile long peak;

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      while (!isInterrupted()) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long peakBytes() {
      return Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    @Override
    public void close() {
      interrupt();
      try {
        join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Heap in use after a full collection: the live set. */
  static long liveHeapBytes() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
