package io.streamlake.deploy.local;

/** Sample records the demo produces: event number {@code sequence} at {@code timestampMs}, as Kafka bytes. */
interface SampleEvents {

  byte[] key(long sequence);

  byte[] value(long sequence, long timestampMs);

  /** What one event is, for the progress output ("order events", "Debezium change events"). */
  String description();
}
