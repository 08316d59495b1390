package io.streamlake.connect.lag;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Consumer-lag metrics task (skeleton). */
public class ConsumerLagSourceTask extends SourceTask {

  @Override
  public String version() {
    return "0.1.0-SNAPSHOT";
  }

  @Override
  public void start(Map<String, String> props) {
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    Thread.sleep(1000);
    return List.of();
  }

  @Override
  public void stop() {
  }
}
