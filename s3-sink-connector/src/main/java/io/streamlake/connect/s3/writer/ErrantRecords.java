package io.streamlake.connect.s3.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Sends records that cannot be written to Connect's errant-record reporter (the DLQ when configured).
 * Connect applies {@code errors.tolerance}: with {@code none} the report fails the task. Offsets past a
 * reported record are committed only after the report is acknowledged.
 */
public final class ErrantRecords {

  private final ErrantRecordReporter reporter;
  private final List<Future<Void>> pending = new ArrayList<>();

  /** @param reporter Connect's reporter, or null on runtimes without one (then bad records fail the task) */
  public ErrantRecords(ErrantRecordReporter reporter) {
    this.reporter = reporter;
  }

  public void report(SinkRecord record, DataException error) {
    if (reporter == null) {
      throw error;
    }
    pending.add(reporter.report(record, error));
  }

  /** Waits until every reported record is acknowledged. */
  public void awaitReported() {
    for (Future<Void> future : pending) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectException("Interrupted while waiting for the errant-record reporter", e);
      } catch (ExecutionException e) {
        throw new ConnectException("The errant-record reporter failed", e.getCause());
      }
    }
    pending.clear();
  }
}
