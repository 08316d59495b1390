package io.streamlake.connect.lag.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;

/** Collects the log lines of one logger (reload4j is the test binding) at a level and above. */
public final class LogCapture extends AppenderSkeleton implements AutoCloseable {

  private final Logger logger;
  private final List<String> lines = new ArrayList<>();

  public LogCapture(Class<?> type) {
    this(type.getName());
  }

  /** Captures a logger and its children, e.g. "io.streamlake" or "org.apache.kafka". */
  public LogCapture(String name) {
    logger = Logger.getLogger(name);
    logger.addAppender(this);
  }

  @Override
  protected synchronized void append(LoggingEvent event) {
    lines.add(event.getLevel() + " " + event.getRenderedMessage());
  }

  public synchronized List<String> lines(Level atLeast) {
    return lines.stream().filter(l -> Level.toLevel(l.substring(0, l.indexOf(' '))).isGreaterOrEqual(atLeast))
        .toList();
  }

  public synchronized List<String> all() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    logger.removeAppender(this);
  }

  @Override
  public boolean requiresLayout() {
    return false;
  }
}
