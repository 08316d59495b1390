package io.streamlake.deploy.local;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.kit.ConnectRest;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo's running phase: once a second, print the files that landed (with row counts) and the progress line;
 * every five seconds, check the connectors and the producer. Ends on {@code stop}, after the duration, or on the
 * first failure; returns the exit code.
 */
final class DemoWatch {

  private final PrintStream out;
  private final LandedFiles landed;
  private final ConnectRest worker;
  private final RateProducer producer;
  private final List<ConnectorFile> connectors;
  private final LagView lag;

  /** {@code landed}, {@code producer} and {@code lag} may be null (no S3 sink, {@code --no-produce}, no lag emitter). */
  DemoWatch(PrintStream out, LandedFiles landed, ConnectRest worker, RateProducer producer,
      List<ConnectorFile> connectors, LagView lag) {
    this.out = out;
    this.landed = landed;
    this.worker = worker;
    this.producer = producer;
    this.connectors = connectors;
    this.lag = lag;
  }

  /** {@code started} is when the command started (for the time to the first file); 0 seconds runs until stop. */
  int run(CountDownLatch stop, long started, int durationSeconds) throws InterruptedException, IOException {
    Progress progress = new Progress(out, System.console() != null);
    long firstFileNanos = -1;
    long watchStart = System.nanoTime();
    int tick = 0;
    while (!stop.await(1, TimeUnit.SECONDS)) {
      tick++;
      if (landed != null) {
        for (LandedFiles.Landed file : landed.poll()) {
          if (firstFileNanos < 0) {
            firstFileNanos = System.nanoTime() - started;
          }
          progress.line(String.format("  + %s  %s rows  %s", file.key(),
              file.rows() < 0 ? "?" : String.format("%,d", file.rows()), size(file.bytes())));
        }
      }
      String failure = tick % 5 == 0 ? failure() : null;
      if (failure != null) {
        progress.line(failure);
        return 1;
      }
      long elapsed = (System.nanoTime() - watchStart) / 1_000_000_000L;
      String lagSummary = "";
      if (lag != null) {
        lag.poll();
        lagSummary = lag.summary().isEmpty() ? "" : " | " + lag.summary();
      }
      progress.status(String.format("  [%02d:%02d] produced %,d | landed %,d file(s), %,d rows%s%s", elapsed / 60,
          elapsed % 60, producer == null ? 0 : producer.acked(), landed == null ? 0 : landed.files(),
          landed == null ? 0 : landed.rows(),
          firstFileNanos < 0 ? "" : String.format(" | first file %.1f s after start", firstFileNanos / 1e9),
          lagSummary));
      if (durationSeconds > 0 && elapsed >= durationSeconds) {
        break;
      }
    }
    progress.end();
    if (landed == null) {
      return 0;
    }
    out.printf("stopped: %,d file(s), %,d rows landed%s%s%n", landed.files(), landed.rows(),
        firstFileNanos < 0 ? "" : String.format("; the first %.1f s after start", firstFileNanos / 1e9),
        lag == null || lag.summary().isEmpty() ? "" : "; " + lag.summary());
    if (durationSeconds > 0 && landed.files() == 0) {
      out.println("no file landed within --duration " + durationSeconds + " s");
      return 1;
    }
    return 0;
  }

  private String failure() throws IOException, InterruptedException {
    if (producer != null && producer.failure() != null) {
      return "producing failed: " + producer.failure();
    }
    for (ConnectorFile connector : connectors) {
      String failure = worker.failure(connector.name());
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  private static String size(long bytes) {
    return bytes < 10 * 1024 ? bytes + " B" : bytes < 10L * 1024 * 1024 ? (bytes / 1024) + " KiB"
        : (bytes / (1024 * 1024)) + " MiB";
  }
}
