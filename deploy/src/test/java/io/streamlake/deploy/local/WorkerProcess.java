package io.streamlake.deploy.local;

import io.streamlake.kit.ConnectCluster;
import java.nio.file.Path;
import java.util.Map;

/**
 * One Connect worker in its own JVM, so that a test can SIGKILL it: {@code WorkerProcess <bootstrap> <group>
 * <pluginPath>}. Prints {@code REST <url>} once the worker is up, then runs until killed. The worker has the deploy
 * kit's consumer settings (WorkerSettings) and MSK Connect's default scheduled.rebalance.max.delay.ms (5 minutes).
 */
public final class WorkerProcess {

  private WorkerProcess() {}

  public static void main(String[] args) throws Exception {
    ConnectCluster worker = WorkerSettings.start(args[0], args[1], Path.of(args[2]), 1,
        Map.of("scheduled.rebalance.max.delay.ms", "300000"));
    System.out.println("REST " + worker.rest().url());
    System.out.flush();
    Thread.currentThread().join();
  }
}
