package io.streamlake.connect.lag;

import io.streamlake.common.Version;
import io.streamlake.connect.lag.config.LagMetricsConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Runs a {@link LagPoller} every {@code poll.interval.ms} on the task thread and hands its records to Connect.
 * The first poll runs right after start. The connector starts exactly one of these tasks.
 */
public class ConsumerLagSourceTask extends SourceTask {

  private final BiFunction<LagMetricsConfig, String, LagPoller> pollers;
  private final Clock clock;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final Object lock = new Object();
  private LagPoller poller;
  private long intervalMs;
  private long nextPollMs;
  private boolean polling;
  private boolean closed;

  public ConsumerLagSourceTask() {
    this((config, clientId) -> LagPollers.create(config, clientId, Clock.systemUTC()), Clock.systemUTC());
  }

  /** @param pollers builds the poller from the config and an AdminClient client id */
  ConsumerLagSourceTask(BiFunction<LagMetricsConfig, String, LagPoller> pollers, Clock clock) {
    this.pollers = pollers;
    this.clock = clock;
  }

  @Override
  public String version() {
    return Version.of(getClass());
  }

  @Override
  public void start(Map<String, String> props) {
    LagMetricsConfig config = new LagMetricsConfig(props);
    String name = props.getOrDefault("name", "consumer-lag");
    poller = pollers.apply(config, "streamlake-lag-" + name);
    intervalMs = config.pollInterval().toMillis();
    nextPollMs = clock.millis();
  }

  /** Waits until the next poll is due (or the task is stopped), then runs one poll. */
  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    long waitMs = nextPollMs - clock.millis();
    if (waitMs > 0 && stopRequested.await(waitMs, TimeUnit.MILLISECONDS)) {
      return null;
    }
    synchronized (lock) {
      if (closed) {
        return null;
      }
      polling = true;
    }
    try {
      nextPollMs = Math.max(nextPollMs + intervalMs, clock.millis());
      List<SourceRecord> records = poller.pollOnce().records();
      return records.isEmpty() ? null : records;
    } finally {
      synchronized (lock) {
        polling = false;
        if (stopRequested.getCount() == 0) {
          closePoller();
        }
      }
    }
  }

  /** May be called from another thread while a poll runs: the poll then closes the clients when it ends. */
  @Override
  public void stop() {
    stopRequested.countDown();
    synchronized (lock) {
      if (!polling) {
        closePoller();
      }
    }
  }

  private void closePoller() {
    if (!closed && poller != null) {
      poller.close();
    }
    closed = true;
  }
}
