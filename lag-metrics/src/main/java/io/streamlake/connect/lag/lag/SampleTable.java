package io.streamlake.connect.lag.lag;

import java.util.OptionalDouble;

/**
 * Bounded history of (log-end offset, time) samples of one partition, oldest first, used to estimate when
 * an offset was written.
 *
 * <p>A flat run (the end offset did not move over several polls) keeps only its first and last sample: the
 * first says offsets below it were written before that time, the last says offsets at or above it were
 * written after it. When the table is full the oldest sample is dropped.
 */
public final class SampleTable {

  private final long[] offsets;
  private final long[] times;
  private int start;
  private int size;

  public SampleTable(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
    }
    offsets = new long[capacity];
    times = new long[capacity];
  }

  /** Adds a sample; samples that go back in time or in offset (a recreated topic) restart the table. */
  public void add(long endOffset, long timeMs) {
    if (size > 0) {
      long lastOffset = offsetAt(size - 1);
      long lastTime = timeAt(size - 1);
      if (timeMs <= lastTime) {
        return;
      }
      if (endOffset < lastOffset) {
        size = 0;
        start = 0;
      } else if (endOffset == lastOffset && size >= 2 && offsetAt(size - 2) == lastOffset) {
        times[index(size - 1)] = timeMs;
        return;
      }
    }
    if (size == offsets.length) {
      start = (start + 1) % offsets.length;
      size--;
    }
    offsets[index(size)] = endOffset;
    times[index(size)] = timeMs;
    size++;
  }

  public int size() {
    return size;
  }

  /**
   * Estimated time at which the log end first passed {@code offset}, i.e. when the record at {@code offset}
   * was written: linear between the two samples around it, extrapolated from the rate over the whole table
   * when it is older than the oldest sample, or the oldest sample's time (a lower bound) when the end has not
   * moved since. Empty when the table cannot tell (a single sample, or the offset was not written yet).
   */
  public OptionalDouble writtenAt(long offset) {
    if (size == 0) {
      return OptionalDouble.empty();
    }
    long target = offset + 1;
    if (target > offsetAt(size - 1)) {
      return OptionalDouble.empty();
    }
    int after = -1;
    for (int i = size - 1; i >= 0 && offsetAt(i) >= target; i--) {
      after = i;
    }
    if (after > 0) {
      int before = after - 1;
      return OptionalDouble.of(interpolate(before, after, target));
    }
    // Older than every sample: extrapolate backwards with the average rate of the table.
    int last = size - 1;
    if (offsetAt(last) != offsetAt(0)) {
      return OptionalDouble.of(interpolate(0, last, target));
    }
    // The end has not moved since the first sample (an idle topic, a stuck consumer): the record was written
    // before the first sample, so its time is a lower bound of the lag that keeps growing poll after poll.
    return size >= 2 ? OptionalDouble.of(timeAt(0)) : OptionalDouble.empty();
  }

  private double interpolate(int from, int to, long target) {
    double o1 = offsetAt(from);
    double o2 = offsetAt(to);
    double t1 = timeAt(from);
    double t2 = timeAt(to);
    return t1 + (target - o1) * (t2 - t1) / (o2 - o1);
  }

  private long offsetAt(int i) {
    return offsets[index(i)];
  }

  private long timeAt(int i) {
    return times[index(i)];
  }

  private int index(int i) {
    return (start + i) % offsets.length;
  }
}
