package io.streamlake.connect.s3.source.it;

import io.streamlake.kit.ConnectCluster;

/**
 * One Connect worker in its own JVM, so that {@link ReplayComparisonIT} can SIGKILL it mid-replay: {@code
 * ReplayWorker <bootstrap> <group>}. Exactly-once source support is on (KIP-618), rebalances are not delayed, and
 * plugins come from the test class path. Prints {@code REST <url>} once the worker is up, then runs until killed.
 */
public final class ReplayWorker {

  private ReplayWorker() {}

  public static void main(String[] args) throws Exception {
    ConnectCluster worker = ConnectCluster.builder(args[0]).group(args[1])
        .workerProperty("exactly.once.source.support", "enabled")
        .workerProperty("scheduled.rebalance.max.delay.ms", "0")
        .workerProperty("offset.flush.interval.ms", "500")
        .start();
    System.out.println("REST " + worker.rest().url());
    System.out.flush();
    Thread.currentThread().join();
  }
}
