package io.streamlake.deploy.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces sample events to one topic at a steady rate: every 100 ms one tenth of the per-second rate, on one
 * named scheduler thread. Counts what was acknowledged; a send failure stops production and is reported.
 */
public final class RateProducer implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledExecutorService scheduler;
  private final SampleEvents events;
  private final String topic;
  private final int perTick;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private int remainder;
  private final int rate;

  public RateProducer(String bootstrapServers, Map<String, String> clientProps, String topic, int ratePerSecond,
      SampleEvents events) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "streamlake-local-producer");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.events = events;
    this.topic = topic;
    this.rate = ratePerSecond;
    this.perTick = ratePerSecond / 10;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "streamlake-local-producer");
      thread.setDaemon(true);
      return thread;
    });
  }

  public void start() {
    scheduler.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    if (failure.get() != null) {
      return;
    }
    // spread a rate below 10/s (or not divisible by 10) over the ticks of a second
    remainder += rate % 10;
    int count = perTick + remainder / 10;
    remainder %= 10;
    long now = System.currentTimeMillis();
    for (int i = 0; i < count; i++) {
      long sequence = sent.getAndIncrement();
      producer.send(new ProducerRecord<>(topic, events.key(sequence), events.value(sequence, now)),
          (metadata, exception) -> {
            if (exception == null) {
              acked.incrementAndGet();
            } else {
              failure.compareAndSet(null, exception);
            }
          });
    }
  }

  /** Records acknowledged by the broker so far. */
  public long acked() {
    return acked.get();
  }

  /** The first send failure, or null. */
  public Exception failure() {
    return failure.get();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
