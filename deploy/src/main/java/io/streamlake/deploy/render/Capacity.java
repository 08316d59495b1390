package io.streamlake.deploy.render;

import io.streamlake.deploy.Args;
import java.util.Set;

/**
 * MSK Connect capacity: autoscaled (MCUs per worker, min/max workers, scale-in/out CPU thresholds) or a fixed
 * number of workers. One MCU is 1 vCPU and 4 GiB; with autoscaling, MSK Connect sets {@code tasks.max} to
 * workers x MCU x 2.
 */
public record Capacity(int mcuCount, int minWorkers, int maxWorkers, int scaleInCpu, int scaleOutCpu,
    boolean autoscaled) {

  static final Set<Integer> MCU_COUNTS = Set.of(1, 2, 4, 8);

  public Capacity {
    if (!MCU_COUNTS.contains(mcuCount)) {
      throw new Args.UsageException("--mcu must be 1, 2, 4 or 8 (MCUs per worker), got " + mcuCount);
    }
    if (minWorkers < 1 || maxWorkers > 10 || minWorkers > maxWorkers) {
      throw new Args.UsageException("workers must satisfy 1 <= min <= max <= 10, got min " + minWorkers
          + ", max " + maxWorkers);
    }
    if (scaleInCpu < 1 || scaleOutCpu > 100 || scaleInCpu >= scaleOutCpu) {
      throw new Args.UsageException("CPU thresholds must satisfy 1 <= scale-in < scale-out <= 100, got "
          + scaleInCpu + " and " + scaleOutCpu);
    }
  }

  /** The task count MSK Connect gives the connector at {@code workers} workers. */
  public int tasksAt(int workers) {
    return workers * mcuCount * 2;
  }
}
