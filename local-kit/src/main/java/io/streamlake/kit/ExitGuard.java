package io.streamlake.kit;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka from ending this JVM while a kit cluster runs in it. A broker's fatal-fault handler calls
 * {@code Exit.halt}, a worker that fails to start calls {@code Exit.exit}: in a test run or the CLI that would kill
 * every other test and the caller's cleanup. While at least one cluster is open, both are turned into a logged
 * error and an exception thrown in the calling thread; the last cluster to close restores Kafka's procedures.
 */
final class ExitGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);
  private static int holders;

  private ExitGuard() {}

  static synchronized void acquire() {
    if (holders++ == 0) {
      Exit.setExitProcedure((code, message) -> refuse("exit", code, message));
      Exit.setHaltProcedure((code, message) -> refuse("halt", code, message));
    }
  }

  static synchronized void release() {
    if (holders > 0 && --holders == 0) {
      Exit.resetExitProcedure();
      Exit.resetHaltProcedure();
    }
  }

  private static void refuse(String what, int code, String message) {
    LOG.error("Kafka asked to {} the JVM with status {} ({}); the local kit keeps it running", what, code, message);
    throw new IllegalStateException("Kafka asked to " + what + " the JVM with status " + code
        + (message == null ? "" : ": " + message));
  }
}
