package io.streamlake.connect.s3.partition;

import java.util.List;
import java.util.StringJoiner;
import org.apache.kafka.connect.sink.SinkRecord;

/** Joins the paths of several partitioners in order: field then time for {@code field-time}. */
public final class CompositePartitioner implements Partitioner {

  private final List<Partitioner> parts;

  public CompositePartitioner(List<Partitioner> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public String encode(SinkRecord record, long timestamp) {
    StringJoiner joiner = new StringJoiner("/");
    for (Partitioner part : parts) {
      joiner.add(part.encode(record, timestamp));
    }
    return joiner.toString();
  }
}
