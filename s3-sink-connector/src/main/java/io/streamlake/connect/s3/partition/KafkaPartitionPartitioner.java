package io.streamlake.connect.s3.partition;

import org.apache.kafka.connect.sink.SinkRecord;

/** The default partitioner: {@code partition=<kafka partition>}, as Confluent writes it. */
public final class KafkaPartitionPartitioner implements Partitioner {

  @Override
  public String encode(SinkRecord record, long timestamp) {
    return "partition=" + record.kafkaPartition();
  }
}
