package io.streamlake.deploy.iam;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.iam.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The service execution role policy of the consumer-lag emitter. It describes every group and topic (which groups
 * and topics it watches is a regex, not an IAM pattern), writes its metrics topic, publishes to one CloudWatch
 * namespace, and reads records ({@code ReadData}) only with {@code time.lag.mode=record-timestamp}, the mode that
 * fetches the record at each committed offset.
 */
public final class LagEmitterPolicy {

  private LagEmitterPolicy() {}

  public static PolicyDocument of(ConnectorFile connector, KafkaArns kafka, String offsetsTopic) {
    var config = connector.config();
    List<Statement> statements = new ArrayList<>();
    if (Boolean.parseBoolean(config.getOrDefault("cloudwatch.enabled", "true").trim())) {
      statements.add(Statement.allow("PublishLagMetricsToOneNamespace", List.of("cloudwatch:PutMetricData"),
          List.of("*")).when("StringEquals", "cloudwatch:namespace",
          List.of(config.getOrDefault("cloudwatch.namespace", "MSK/ConsumerLag").trim())));
    }
    statements.addAll(WorkerStatements.of(kafka, offsetsTopic));
    statements.add(Statement.allow("DescribeEveryGroupAndTopic",
        List.of("kafka-cluster:DescribeGroup", "kafka-cluster:DescribeTopic"),
        List.of(kafka.group("*"), kafka.topic("*"))));
    if (readsRecords(config.getOrDefault("time.lag.mode", "interpolation"))) {
      statements.add(Statement.allow("RecordTimestampModeReadsTheRecordAtTheCommittedOffset",
          List.of("kafka-cluster:ReadData"), List.of(kafka.topic("*"))));
    }
    String metricsTopic = config.getOrDefault("metrics.topic", "consumer-lag-metrics").trim();
    if (!metricsTopic.isEmpty()) {
      statements.add(Statement.allow("TheMetricsTopic", List.of("kafka-cluster:CreateTopic",
          "kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"), List.of(kafka.topic(metricsTopic))));
    }
    if (!metricsTopic.isEmpty()) {
      statements.addAll(GlueSchemaRegistryStatements.forWriting(config, kafka, List.of(metricsTopic)));
    }
    return new PolicyDocument(statements);
  }

  /** Whether a time.lag.mode value (lenient, as the emitter parses it) reads records. */
  static boolean readsRecords(String mode) {
    return mode.trim().toLowerCase(Locale.ROOT).replace('_', '-').equals("record-timestamp");
  }
}
