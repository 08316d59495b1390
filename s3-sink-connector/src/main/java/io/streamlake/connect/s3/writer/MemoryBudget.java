package io.streamlake.connect.s3.writer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memory budget for all open files of a task. When the bytes held by open files (encoder state and
 * buffers, unsent upload parts, bookkeeping) exceed it, the topic-partition holding the most is cut early,
 * until the task is back under budget. A partition replaying a recorded cut is never cut early.
 *
 * <p>The first early cut is logged at INFO; under sustained pressure one summary line per minute follows
 * (how many cuts, how many bytes freed), so a task with thousands of open files does not flood its log.
 */
final class MemoryBudget {

  private static final Logger log = LoggerFactory.getLogger(MemoryBudget.class);
  private static final long SUMMARY_EVERY_NANOS = 60_000_000_000L;

  private final long maxBytes;
  private final int checkEvery;
  private final LongSupplier nanoTime;
  private int sinceCheck;
  private boolean loggedOnce;
  private long lastSummaryNanos;
  private long cutsSinceSummary;
  private long freedSinceSummary;

  /**
   * @param maxBytes the budget
   * @param checkEvery check after this many records (summing every open file has a cost)
   */
  MemoryBudget(long maxBytes, int checkEvery) {
    this(maxBytes, checkEvery, System::nanoTime);
  }

  MemoryBudget(long maxBytes, int checkEvery, LongSupplier nanoTime) {
    this.maxBytes = maxBytes;
    this.checkEvery = checkEvery;
    this.nanoTime = nanoTime;
  }

  private record Held(TopicPartitionWriter writer, long bytes) {}

  void enforce(Collection<TopicPartitionWriter> writers) {
    if (++sinceCheck < checkEvery) {
      return;
    }
    sinceCheck = 0;
    long total = 0;
    List<Held> held = new ArrayList<>(writers.size());
    for (TopicPartitionWriter writer : writers) {
      long bytes = writer.memoryBytes();
      total += bytes;
      if (bytes > 0 && writer.canCutEarly()) {
        held.add(new Held(writer, bytes));
      }
    }
    if (total <= maxBytes) {
      return;
    }
    // Sizes are summed once per check (each costs a walk over the file's columns); cut largest first.
    held.sort(Comparator.comparingLong(Held::bytes).reversed());
    for (Held largest : held) {
      if (total <= maxBytes) {
        break;
      }
      if (!loggedOnce) {
        loggedOnce = true;
        lastSummaryNanos = nanoTime.getAsLong();
        log.info("Memory budget reached: open files hold {} bytes > buffer.memory.max.bytes={}; cutting {} early"
            + " ({} bytes). Further early cuts are summarised once a minute.", total, maxBytes,
            largest.writer().partition(), largest.bytes());
      }
      largest.writer().cut(RotationPolicy.Reason.MEMORY);
      long freed = largest.bytes() - largest.writer().memoryBytes();
      total -= freed;
      cutsSinceSummary++;
      freedSinceSummary += freed;
    }
    long now = nanoTime.getAsLong();
    if (cutsSinceSummary > 0 && now - lastSummaryNanos >= SUMMARY_EVERY_NANOS) {
      log.info("Memory budget buffer.memory.max.bytes={}: {} early cuts freed {} bytes in the last {} s; {} bytes"
          + " held now", maxBytes, cutsSinceSummary, freedSinceSummary, (now - lastSummaryNanos) / 1_000_000_000L,
          total);
      lastSummaryNanos = now;
      cutsSinceSummary = 0;
      freedSinceSummary = 0;
    }
  }
}
