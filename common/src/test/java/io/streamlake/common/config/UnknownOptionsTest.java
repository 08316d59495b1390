package io.streamlake.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UnknownOptionsTest {

  private static final ConfigDef DEF = new ConfigDef()
      .define("s3.bucket.name", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "bucket")
      .define("flush.size", ConfigDef.Type.INT, 1, ConfigDef.Importance.HIGH, "records");

  @Test
  void ownAndConnectKeysAreKnownEverythingElseIsNamed() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("name", "lake");
    props.put("connector.class", "X");
    props.put("tasks.max", "2");
    props.put("topics", "orders");
    props.put("s3.bucket.name", "b");
    props.put("flush.size", "10");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "true");
    props.put("transforms", "unwrap");
    props.put("transforms.unwrap.type", "Y");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    props.put("consumer.override.max.poll.records", "500");
    props.put("producer.override.linger.ms", "5");
    props.put("topic.creation.default.partitions", "3");
    props.put("exactly.once.support", "required");
    props.put("flush.sise", "10");
    props.put("s3.compression.level", "6");
    assertThat(UnknownOptions.of(DEF, props)).containsExactly("flush.sise", "s3.compression.level");
    props.put("admin.security.protocol", "SASL_SSL");
    assertThat(UnknownOptions.of(DEF, props, "admin.")).containsExactly("flush.sise", "s3.compression.level");
    assertThat(UnknownOptions.of(DEF, props)).contains("admin.security.protocol");
  }

  @Test
  void theWarningNamesTheKeysButNoValue() {
    List<LoggingEvent> events = new ArrayList<>();
    AppenderSkeleton capture = new AppenderSkeleton() {
      @Override
      protected void append(LoggingEvent event) {
        events.add(event);
      }

      @Override
      public void close() {}

      @Override
      public boolean requiresLayout() {
        return false;
      }
    };
    org.apache.log4j.Logger logger = org.apache.log4j.Logger.getLogger(UnknownOptionsTest.class);
    logger.addAppender(capture);
    try {
      UnknownOptions.warn(LoggerFactory.getLogger(UnknownOptionsTest.class), "S3SinkConnector", DEF,
          Map.of("s3.bucket.name", "b", "aws.secret.acess.key", "hunter2-secret"));
      UnknownOptions.warn(LoggerFactory.getLogger(UnknownOptionsTest.class), "S3SinkConnector", DEF,
          Map.of("s3.bucket.name", "b"));
    } finally {
      logger.removeAppender(capture);
    }
    assertThat(events).hasSize(1);
    String message = events.get(0).getRenderedMessage();
    assertThat(events.get(0).getLevel().toString()).isEqualTo("WARN");
    assertThat(message).contains("S3SinkConnector", "aws.secret.acess.key").doesNotContain("hunter2");
  }
}
