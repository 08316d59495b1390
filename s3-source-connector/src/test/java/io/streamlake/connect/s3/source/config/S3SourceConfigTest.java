package io.streamlake.connect.s3.source.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.common.config.ConfigProblem;
import io.streamlake.configdocs.ConfigDocs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class S3SourceConfigTest {

  private static Map<String, String> props(String... pairs) {
    Map<String, String> props = new HashMap<>(Map.of("s3.bucket.name", "lake"));
    for (int i = 0; i < pairs.length; i += 2) {
      props.put(pairs[i], pairs[i + 1]);
    }
    return props;
  }

  private static S3SourceConfig config(String... pairs) {
    return new S3SourceConfig(props(pairs));
  }

  @Test
  void defaults() {
    S3SourceConfig config = config();
    assertThat(config.topicsDir()).isEqualTo("topics");
    assertThat(config.envelope()).isFalse();
    assertThat(config.replayTopics()).isEmpty();
    assertThat(config.replayPartitions()).isEmpty();
    assertThat(config.filtersTime()).isFalse();
    assertThat(config.batchMaxRecords()).isEqualTo(1000);
    assertThat(config.topicMapping().target("orders")).isEqualTo("orders");
  }

  @Test
  void bucketIsRequired() {
    assertThatThrownBy(() -> new S3SourceConfig(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("s3.bucket.name");
  }

  @Test
  void topicMappingMapsNamedTopicsAndKeepsOthers() {
    TopicMapping mapping = config("replay.topic.mapping", "orders:orders_restored, payments:payments.v2")
        .topicMapping();
    assertThat(mapping.target("orders")).isEqualTo("orders_restored");
    assertThat(mapping.target("payments")).isEqualTo("payments.v2");
    assertThat(mapping.target("other")).isEqualTo("other");
  }

  @Test
  void badTopicMappingsNameTheKeyAndTheEntry() {
    for (String bad : List.of("orders", "orders:", ":x", "a:b:c", "a:b,a:c", "a:bad topic", "a:..")) {
      assertThatThrownBy(() -> config("replay.topic.mapping", bad)).as(bad).isInstanceOf(ConfigException.class)
          .hasMessageContaining("replay.topic.mapping");
    }
    assertThatThrownBy(() -> config("replay.topic.mapping", "a:b,a:c")).hasMessageContaining("mapped twice");
  }

  @Test
  void partitionsMustBeNumbers() {
    assertThat(config("replay.partitions", "0, 3").replayPartitions()).containsExactly(0, 3);
    assertThatThrownBy(() -> config("replay.partitions", "0,x")).hasMessageContaining("replay.partitions")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> config("replay.partitions", "-1")).hasMessageContaining("replay.partitions");
  }

  @Test
  void timesMustBeIsoInstants() {
    assertThatThrownBy(() -> config("replay.time.from", "2026-01-01")).hasMessageContaining("replay.time.from")
        .hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> config("replay.time.to", "yesterday")).hasMessageContaining("replay.time.to");
  }

  @Test
  void fromMustBeBeforeTo() {
    assertThatThrownBy(() -> config("partitioner.class", "hourly", "timezone", "UTC",
        "replay.time.from", "2026-01-02T00:00:00Z", "replay.time.to", "2026-01-01T00:00:00Z"))
        .hasMessageContaining("replay.time.from").hasMessageContaining("replay.time.to");
    assertThatThrownBy(() -> config("partitioner.class", "hourly", "timezone", "UTC",
        "replay.time.from", "2026-01-01T00:00:00Z", "replay.time.to", "2026-01-01T00:00:00Z"))
        .hasMessageContaining("must be before");
  }

  @Test
  void aTimeFilterNeedsThePathFormatAndNamesEveryKey() {
    List<ConfigProblem> problems = S3SourceConfig.validate(props("timezone", "UTC",
        "replay.time.from", "2026-01-01T00:00:00Z"));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).keys()).containsExactly("replay.time.from", "path.format", "partitioner.class");
    assertThatThrownBy(() -> config("timezone", "UTC", "replay.time.to", "2026-01-01T00:00:00Z"))
        .hasMessageContaining("path.format").hasMessageContaining("replay.time.to");
  }

  @Test
  void aTimeFilterNeedsTheTimezone() {
    List<ConfigProblem> problems = S3SourceConfig.validate(props("path.format", "'dt'=YYYY-MM-dd",
        "replay.time.from", "2026-01-01T00:00:00Z", "replay.time.to", "2026-01-02T00:00:00Z"));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).keys()).containsExactly("replay.time.from", "replay.time.to", "timezone");
  }

  @Test
  void aTimeFilterNeedsATimePartitioner() {
    List<ConfigProblem> problems = S3SourceConfig.validate(props("partitioner.class", "field", "timezone", "UTC",
        "path.format", "'dt'=YYYY-MM-dd", "replay.time.from", "2026-01-01T00:00:00Z"));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).keys()).containsExactly("replay.time.from", "partitioner.class");
  }

  @Test
  void unknownPartitionerNamesTheKeyAndTheAcceptedValues() {
    assertThatThrownBy(() -> config("partitioner.class", "weekly")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("partitioner.class").hasMessageContaining("hourly");
  }

  @Test
  void hourlyAndDailyImplyTheirPathFormatAndConfluentClassNamesAreAccepted() {
    S3SourceConfig hourly = config("partitioner.class", "io.confluent.connect.storage.partitioner.HourlyPartitioner",
        "timezone", "UTC", "replay.time.from", "2026-01-01T00:00:00Z");
    assertThat(hourly.effectivePathFormat()).isEqualTo("'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    assertThat(hourly.effectivePartitionDuration()).isEqualTo(3_600_000L);
    assertThat(hourly.timeFrom()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(config("partitioner.class", "daily").effectivePartitionDuration()).isEqualTo(86_400_000L);
  }

  @Test
  void badLayoutValuesNameTheirKey() {
    assertThatThrownBy(() -> config("path.format", "'year=YYYY")).hasMessageContaining("path.format");
    assertThatThrownBy(() -> config("path.format", "QQQ")).hasMessageContaining("path.format");
    assertThatThrownBy(() -> config("timezone", "Mars/Olympus")).hasMessageContaining("timezone");
    assertThatThrownBy(() -> config("locale", "english")).hasMessageContaining("locale");
    assertThatThrownBy(() -> config("partition.duration.ms", "0")).hasMessageContaining("partition.duration.ms");
    assertThatThrownBy(() -> config("replay.batch.max.records", "0")).hasMessageContaining(
        "replay.batch.max.records");
  }

  @Test
  void retryBackoffsMustBeOrdered() {
    assertThatThrownBy(() -> config("s3.retry.backoff.ms", "500", "s3.retry.max.backoff.ms", "100"))
        .hasMessageContaining("s3.retry.max.backoff.ms").hasMessageContaining("s3.retry.backoff.ms");
  }

  @Test
  void credentialsUseTheSharedFragmentWithConfluentAliases() {
    assertThatThrownBy(() -> config("aws.access.key.id", "AKIA")).hasMessageContaining("aws.secret.access.key");
    assertThatThrownBy(() -> config("sts.role.arn", "arn:aws:iam::1:role/a",
        "s3.credentials.provider.sts.role.arn", "arn:aws:iam::1:role/b"))
        .hasMessageContaining("sts.role.arn").hasMessageContaining("s3.credentials.provider.sts.role.arn");
    assertThat(config("aws.access.key.id", "AKIA", "aws.secret.access.key", "very-secret").credentials()
        .toString()).doesNotContain("very-secret");
  }

  @Test
  void everyOptionHasDocumentation() {
    S3SourceConfig.CONFIG_DEF.configKeys().values()
        .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
  }

  @Test
  void readmeOptionsTableMatchesTheConfigDef() throws Exception {
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "s3-source", S3SourceConfig.CONFIG_DEF);
  }
}
