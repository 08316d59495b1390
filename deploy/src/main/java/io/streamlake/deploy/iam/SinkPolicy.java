package io.streamlake.deploy.iam;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.PluginZip;
import io.streamlake.deploy.SinkPlugin;
import io.streamlake.deploy.iam.PolicyDocument.Statement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The service execution role policy of one S3 sink connector, from its configuration. S3: only the calls the sink
 * makes (PutObject with If-None-Match, the multipart calls, which IAM authorises as s3:PutObject, AbortMultipartUpload,
 * GetObject of epoch markers, HeadObject (s3:GetObject) and GetObjectTagging of an existing key after a 412, and
 * PutObjectTagging after every multipart upload, whose offset range is known only at the end), all under
 * {@code <topics.dir>/}; no
 * DeleteObject, so the connector's own role cannot erase data files or markers; ListBucket only with an
 * {@code s3:prefix} under {@code topics.dir} (S3 answers 404 rather than 403 for a missing marker only with it).
 * Kafka: ReadData only on the connector's topics, AlterGroup only on its consumer group {@code connect-<name>}.
 */
public final class SinkPolicy {

  static final List<String> OBJECT_ACTIONS = List.of("s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload",
      "s3:PutObjectTagging", "s3:GetObjectTagging");

  private SinkPolicy() {}

  /** The policy, with Glue table names (glue.enabled) from the plugin ZIP {@link PluginZip#locate} finds. */
  public static PolicyDocument of(ConnectorFile connector, KafkaArns kafka, String offsetsTopic) {
    return of(connector, kafka, offsetsTopic, null);
  }

  /**
   * @param pluginZip the plugin ZIP whose sink names the Glue tables (glue.enabled); null: {@link PluginZip#locate}
   */
  public static PolicyDocument of(ConnectorFile connector, KafkaArns kafka, String offsetsTopic, String pluginZip) {
    var config = connector.config();
    String bucket = required(connector, "s3.bucket.name");
    String dir = topicsDir(config.getOrDefault("topics.dir", "topics"));
    List<Statement> statements = new ArrayList<>();
    statements.add(Statement.allow("ListOnlyUnderTopicsDir", List.of("s3:ListBucket"),
        List.of("arn:aws:s3:::" + bucket))
        .when("StringLike", "s3:prefix", dir.isEmpty() ? List.of("*") : List.of(dir + "/", dir + "/*")));
    statements.add(Statement.allow("WriteDataFilesAndEpochMarkers", OBJECT_ACTIONS,
        List.of("arn:aws:s3:::" + bucket + "/" + (dir.isEmpty() ? "" : dir + "/") + "*")));
    String kmsKey = config.getOrDefault("s3.sse.kms.key.id", "").trim();
    if (!kmsKey.isEmpty()) {
      statements.add(Statement.allow("EncryptWithTheBucketKey", List.of("kms:GenerateDataKey", "kms:Decrypt"),
          List.of(kmsKeyArn(kmsKey, config.getOrDefault("s3.region", "us-east-1"), kafka))));
    }
    // Confluent's spelling of the same option is accepted by the sink as an alias.
    String role = config.getOrDefault("sts.role.arn",
        config.getOrDefault("s3.credentials.provider.sts.role.arn", "")).trim();
    if (!role.isEmpty()) {
      statements.add(Statement.allow("AssumeTheWriterRole", List.of("sts:AssumeRole"), List.of(role)));
    }
    if (Boolean.parseBoolean(config.getOrDefault("glue.enabled", "false").trim())) {
      statements.add(glue(connector, kafka, pluginZip));
    }
    statements.addAll(GlueSchemaRegistryStatements.forReading(config));
    statements.addAll(WorkerStatements.of(kafka, offsetsTopic));
    statements.add(Statement.allow("ReadTheConnectorsTopics",
        List.of("kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"),
        topics(connector).stream().map(kafka::topic).toList()));
    statements.add(Statement.allow("TheConnectorsConsumerGroup",
        List.of("kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"),
        List.of(kafka.group(config.getOrDefault("consumer.override.group.id", "connect-" + connector.name())))));
    String dlq = config.getOrDefault("errors.deadletterqueue.topic.name", "").trim();
    if (!dlq.isEmpty()) {
      statements.add(Statement.allow("DeadLetterQueue", List.of("kafka-cluster:CreateTopic",
          "kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"), List.of(kafka.topic(dlq))));
    }
    return new PolicyDocument(statements);
  }

  /**
   * glue.enabled: the three table calls the sink's catalog syncer makes (GetTable, CreateTable, UpdateTable; it
   * never calls GetDatabase or touches partitions), on the catalog, the database and the connector's tables. Glue
   * authorises a table call on all three ARNs. Table names: glue.table.name with each topic put in, named by the
   * sink's own code from the plugin ZIP (lower case, characters other than a-z, 0-9 and _ as _, at most 255); a
   * topics.regex makes the topic part a wildcard.
   */
  static Statement glue(ConnectorFile connector, KafkaArns kafka, String pluginZip) {
    var config = connector.config();
    String database = required(connector, "glue.database");
    String region = config.getOrDefault("glue.region", "").trim();
    if (region.isEmpty()) {
      region = config.getOrDefault("s3.region", "us-west-2").trim();
    }
    String account = config.getOrDefault("glue.catalog.id", "").trim();
    if (account.isEmpty()) {
      account = kafka.cluster().split(":")[4];
    }
    String prefix = "arn:aws:glue:" + region + ":" + account + ":";
    String template = config.getOrDefault("glue.table.name", "${topic}").trim();
    List<String> resources = new ArrayList<>();
    resources.add(prefix + "catalog");
    resources.add(prefix + "database/" + database);
    List<String> tables = new ArrayList<>();
    try (SinkPlugin sink = SinkPlugin.open(PluginZip.locate(pluginZip))) {
      for (String topic : topics(connector)) {
        tables.add(prefix + "table/" + database + "/" + tableName(sink, template, topic));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin ZIP for the Glue table names: " + e.getMessage(), e);
    }
    tables.stream().distinct().forEach(resources::add);
    return Statement.allow("KeepTheGlueTables", List.of("glue:GetTable", "glue:CreateTable", "glue:UpdateTable"),
        resources);
  }

  /** Stands for an IAM wildcard in a topic while the sink names its table: legal in Glue names, so it survives. */
  private static final String WILDCARD = "0streamlake0wildcard0";

  /** The sink's name of {@code topic}'s table; a wildcard (*) in the topic stays a wildcard. */
  static String tableName(SinkPlugin sink, String template, String topic) {
    String name = (String) sink.call(TABLE_NAMES, "tableName", new Class<?>[] {String.class, String.class}, template,
        topic.replace("*", WILDCARD));
    if (!topic.contains("*")) {
      return name;
    }
    name = name.replace(WILDCARD, "*");
    // Cut at 255 inside a wildcard: the names it stands for are cut there too, so they start with what precedes.
    for (int k = WILDCARD.length() - 1; k > 0; k--) {
      if (name.endsWith(WILDCARD.substring(0, k))) {
        return name.substring(0, name.length() - k) + "*";
      }
    }
    return name;
  }

  private static final String TABLE_NAMES = "io.streamlake.connect.s3.catalog.CatalogPreview";

  /** topics.dir as the sink uses it: without leading or trailing slashes. */
  static String topicsDir(String value) {
    return value.trim().replaceAll("^/+|/+$", "");
  }

  /** The topic names (or IAM wildcards) of {@code topics} or {@code topics.regex}. */
  static List<String> topics(ConnectorFile connector) {
    String list = connector.config().getOrDefault("topics", "").trim();
    if (!list.isEmpty()) {
      return Arrays.stream(list.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
    String regex = connector.config().getOrDefault("topics.regex", "").trim();
    if (regex.isEmpty()) {
      throw new IllegalArgumentException(connector.source() + ": neither topics nor topics.regex is set");
    }
    return List.of(TopicPattern.wildcard(regex));
  }

  private static String kmsKeyArn(String key, String region, KafkaArns kafka) {
    if (key.startsWith("arn:")) {
      return key;
    }
    if (key.toLowerCase(Locale.ROOT).startsWith("alias/")) {
      throw new IllegalArgumentException("s3.sse.kms.key.id is an alias (" + key + "); IAM grants use of a key by"
          + " its key ARN, so give the key ARN or id");
    }
    String account = kafka.cluster().split(":")[4];
    return "arn:aws:kms:" + region.trim() + ":" + account + ":key/" + key;
  }

  static String required(ConnectorFile connector, String key) {
    String value = connector.config().getOrDefault(key, "").trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(connector.source() + ": " + key + " is not set");
    }
    return value;
  }
}
