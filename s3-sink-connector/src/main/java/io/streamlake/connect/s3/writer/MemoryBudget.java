package io.streamlake.connect.s3.writer;

import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memory budget for all open files of a task. When the bytes held by open files (encoder buffers,
 * unsent upload parts, and a fixed estimate per open file) exceed it, the topic-partition holding the most is
 * cut early, until the task is back under budget. A partition replaying a recorded cut is never cut early.
 */
final class MemoryBudget {

  private static final Logger log = LoggerFactory.getLogger(MemoryBudget.class);

  private final long maxBytes;
  private final int checkEvery;
  private int sinceCheck;

  /**
   * @param maxBytes the budget
   * @param checkEvery check after this many records (summing every open file has a cost)
   */
  MemoryBudget(long maxBytes, int checkEvery) {
    this.maxBytes = maxBytes;
    this.checkEvery = checkEvery;
  }

  void enforce(Collection<TopicPartitionWriter> writers) {
    if (++sinceCheck < checkEvery) {
      return;
    }
    sinceCheck = 0;
    long total = 0;
    for (TopicPartitionWriter writer : writers) {
      total += writer.memoryBytes();
    }
    while (total > maxBytes) {
      TopicPartitionWriter largest = null;
      long largestBytes = -1;
      for (TopicPartitionWriter writer : writers) {
        long bytes = writer.memoryBytes();
        if (writer.canCutEarly() && bytes > largestBytes) {
          largest = writer;
          largestBytes = bytes;
        }
      }
      if (largest == null || largestBytes <= 0) {
        return;
      }
      log.info("Memory budget reached: open files hold {} bytes > buffer.memory.max.bytes={}; cutting {} early"
          + " ({} bytes)", total, maxBytes, largest.partition(), largestBytes);
      largest.cut(RotationPolicy.Reason.MEMORY);
      total -= largestBytes - largest.memoryBytes();
    }
  }
}
