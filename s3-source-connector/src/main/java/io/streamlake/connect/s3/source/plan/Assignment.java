package io.streamlake.connect.s3.source.plan;

import io.streamlake.connect.s3.source.listing.SourcePair;
import java.util.ArrayList;
import java.util.List;

/** Spreads original topic-partitions over tasks: round robin over the pairs in a stable order. */
public final class Assignment {

  private Assignment() {}

  /**
   * The pairs of each task; at most {@code maxTasks} lists, none empty (fewer tasks when there are fewer pairs).
   *
   * @param pairs in a stable order (topic, then partition)
   */
  public static List<List<SourcePair>> roundRobin(List<SourcePair> pairs, int maxTasks) {
    int tasks = Math.min(maxTasks, pairs.size());
    List<List<SourcePair>> out = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      out.add(new ArrayList<>());
    }
    for (int i = 0; i < pairs.size(); i++) {
      out.get(i % tasks).add(pairs.get(i));
    }
    return out;
  }
}
