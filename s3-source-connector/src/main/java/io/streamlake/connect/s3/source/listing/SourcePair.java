package io.streamlake.connect.s3.source.listing;

import java.util.Comparator;
import org.apache.kafka.common.config.ConfigException;

/** An original topic-partition found in the lake: the unit of ordering, of offsets and of task assignment. */
public record SourcePair(String topic, int partition) {

  /** Topic name, then partition number. */
  public static final Comparator<SourcePair> ORDER = Comparator.comparing(SourcePair::topic)
      .thenComparingInt(SourcePair::partition);

  /** {@code topic+partition}: '+' never appears in a Kafka topic name. */
  public String wire() {
    return topic + "+" + partition;
  }

  /** The inverse of {@link #wire()}. */
  public static SourcePair parse(String option, String wire) {
    int plus = wire.lastIndexOf('+');
    try {
      return new SourcePair(wire.substring(0, plus), Integer.parseInt(wire.substring(plus + 1)));
    } catch (RuntimeException e) {
      throw new ConfigException(option, wire, "Expected <topic>+<partition>");
    }
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
