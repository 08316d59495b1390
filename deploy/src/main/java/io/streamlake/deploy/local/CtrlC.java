package io.streamlake.deploy.local;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C for the demo: the first SIGINT asks it to stop in order (producer, worker, S3, broker), so the worker never
 * sees its broker or its S3 endpoint disappear under it, as it would if the JVM's shutdown hooks raced each other;
 * a second SIGINT exits at once. Where SIGINT cannot be handled (ignored by a background shell) nothing changes and
 * the caller's shutdown hook covers SIGTERM and the rest. Restores the previous handler on {@link #close()}.
 */
final class CtrlC implements AutoCloseable {

  private static final Signal INT = new Signal("INT");

  private final SignalHandler previous;

  CtrlC(CountDownLatch stop, PrintStream out) {
    SignalHandler installed;
    try {
      installed = Signal.handle(INT, signal -> {
        if (stop.getCount() == 0) {
          Runtime.getRuntime().halt(130);
        }
        out.println();
        out.println("stopping (Ctrl-C again to exit at once)...");
        stop.countDown();
      });
    } catch (IllegalArgumentException unavailable) {
      installed = null;
    }
    this.previous = installed;
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(INT, previous);
    }
  }
}
