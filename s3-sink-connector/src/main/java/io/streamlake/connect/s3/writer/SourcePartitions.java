package io.streamlake.connect.s3.writer;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The topic-partition a record was read from, whatever transforms did to its topic. Writers, markers and
 * committed offsets are keyed by it: Connect commits offsets of the partitions it assigned, so a writer keyed
 * by a renamed topic ({@code RegexRouter}, {@code route.by.field}) would never have its offsets committed.
 *
 * <p>Connect 3.6+ (KIP-793) gives the original coordinates ({@code SinkRecord.originalTopic()} etc.). Older
 * workers (MSK Connect still offers 2.7.1) do not: there a record whose topic-partition was not assigned to the
 * task can only come from a renaming transform, and the task fails at once, saying so.
 */
final class SourcePartitions {

  private final boolean originalsKnown;
  private final Set<TopicPartition> assigned = new HashSet<>();

  SourcePartitions() {
    this(hasOriginalCoordinates());
  }

  SourcePartitions(boolean originalsKnown) {
    this.originalsKnown = originalsKnown;
  }

  void assigned(Collection<TopicPartition> partitions) {
    assigned.addAll(partitions);
  }

  void revoked(Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
  }

  /** @throws ConnectException on a pre-3.6 worker when a transform changed the topic or partition */
  TopicPartition of(SinkRecord record) {
    if (originalsKnown) {
      return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }
    TopicPartition seen = new TopicPartition(record.topic(), record.kafkaPartition());
    if (!assigned.contains(seen)) {
      throw new ConnectException("Record " + seen + "@" + record.kafkaOffset() + " is from a topic-partition not"
          + " assigned to this task: a transform (e.g. RegexRouter or route.by.field) renamed its topic. This"
          + " Kafka Connect worker is older than 3.6 and does not tell the original topic, so the sink cannot"
          + " commit offsets for renamed records. Run the connector on Kafka Connect 3.6 or later (MSK Connect"
          + " 3.7.x), or remove the renaming transform. Assigned: " + assigned);
    }
    return seen;
  }

  static boolean hasOriginalCoordinates() {
    try {
      SinkRecord.class.getMethod("originalTopic");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
