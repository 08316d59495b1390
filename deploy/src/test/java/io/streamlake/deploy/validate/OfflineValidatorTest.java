package io.streamlake.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.PluginZip;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The validator against the real plugin ZIP: every deploy/ example passes, the classic mistakes do not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineValidatorTest {

  private PluginZip plugin;
  private OfflineValidator validator;

  @BeforeAll
  void unpack() throws IOException {
    plugin = PluginZip.unpack(DeployFiles.pluginZip());
    validator = new OfflineValidator(plugin.pluginPath());
  }

  @AfterAll
  void clean() {
    if (plugin != null) {
      plugin.close();
    }
  }

  private static ConnectorFile orderEvents() throws IOException {
    return ConnectorFile.read(DeployFiles.connectors().resolve("order-events-s3-parquet.json"));
  }

  private OfflineValidator.Result validate(ConnectorFile file, Map<String, String> changes) {
    return validator.validate(file.with(changes));
  }

  private static List<Finding> errors(OfflineValidator.Result result) {
    return result.findings().stream().filter(Finding::isError).toList();
  }

  @Test
  void testEveryConnectorExampleIsAccepted() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(DeployFiles.connectors(), "*.json")) {
      dir.forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    for (Path file : files) {
      OfflineValidator.Result result = validator.validate(ConnectorFile.read(file));
      assertThat(result.findings()).as(file.toString()).isEmpty();
    }
  }

  @Test
  void testOurComponentsAreCheckedFromTheZip() throws IOException {
    for (String name : List.of("order-events-s3-parquet.json", "postgres-cdc-s3-parquet.json",
        "consumer-lag-cloudwatch.json", "gsr-avro-orders-s3-parquet.json", "gsr-json-orders-s3-parquet.json",
        "replay-orders-from-s3.json")) {
      OfflineValidator.Result result = validator.validate(ConnectorFile.read(DeployFiles.connectors().resolve(name)));
      assertThat(result.status()).as(name).isEqualTo(OfflineValidator.Status.CHECKED);
    }
  }

  @Test
  void testReplayVariantsOfTheReadmeAreAccepted() throws IOException {
    // deploy/README.md "Replay the lake": envelope files on both sides, one day and two partitions
    assertThat(validate(orderEvents(), Map.of("store.envelope", "true")).findings()).isEmpty();
    ConnectorFile replay = ConnectorFile.read(DeployFiles.connectors().resolve("replay-orders-from-s3.json"));
    assertThat(validate(replay, Map.of("store.envelope", "true", "replay.time.from", "2026-12-01T00:00:00Z",
        "replay.time.to", "2026-12-02T00:00:00Z", "replay.partitions", "0,3")).findings()).isEmpty();
    // the time filter needs the sink's timezone, which the example carries
    assertThat(errors(validate(replay, Map.of("timezone", "", "replay.time.from", "2026-12-01T00:00:00Z"))))
        .isNotEmpty();
  }

  @Test
  void testExactlyOnceRequiredOnTheReplayExampleIsAWarningNotAnError() throws IOException {
    ConnectorFile replay = ConnectorFile.read(DeployFiles.connectors().resolve("replay-orders-from-s3.json"));
    OfflineValidator.Result required = validate(replay, Map.of("exactly.once.support", "required"));
    assertThat(errors(required)).isEmpty();
    assertThat(required.findings()).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("exactly.once.support");
      assertThat(f.isError()).isFalse();
      assertThat(f.message()).contains("exactly.once.source.support=enabled").contains("requested");
    });
    OfflineValidator.Result bad = validate(replay, Map.of("exactly.once.support", "always"));
    assertThat(errors(bad)).extracting(Finding::key).containsExactly("exactly.once.support");
  }

  @Test
  void testFastJsonConverterIsFoundInTheZip() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(), Map.of(
        "key.converter", "io.streamlake.connect.json.FastJsonConverter",
        "value.converter", "io.streamlake.connect.json.FastJsonConverter",
        "header.converter", "io.streamlake.connect.json.FastJsonConverter"));

    assertThat(result.findings()).isEmpty();
  }

  @Test
  void testGlueSchemaRegistryConverterIsFoundInTheZip() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(), Map.of(
        "value.converter", "io.streamlake.connect.gsr.GlueSchemaRegistryAvroConverter",
        "value.converter.region", "us-east-1", "value.converter.registry.name", "orders"));

    assertThat(result.findings()).isEmpty();
  }

  @Test
  void testGlueSchemaRegistryJsonSchemaConverterIsFoundInTheZip() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(), Map.of(
        "value.converter", "io.streamlake.connect.gsr.GlueSchemaRegistryJsonSchemaConverter",
        "value.converter.region", "us-east-1", "value.converter.registry.name", "orders",
        "value.converter.dataFormat", "JSON"));

    assertThat(result.findings()).isEmpty();
  }

  @Test
  void testAMisspelledConverterClassIsAnErrorOnItsKey() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(),
        Map.of("value.converter", "io.streamlake.connect.json.FastJSONConverter"));

    assertThat(errors(result)).extracting(Finding::key).containsExactly("value.converter");
  }

  @Test
  void testDebeziumSourceIsSkippedNotFailed() throws IOException {
    OfflineValidator.Result result = validator.validate(
        ConnectorFile.read(DeployFiles.connectors().resolve("debezium-postgres-source.json")));
    assertThat(result.status()).isEqualTo(OfflineValidator.Status.SKIPPED);
    assertThat(result.failed()).isFalse();
  }

  @Test
  void testMisspelledFormatClassIsRejectedWithTheAllowedValues() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(),
        Map.of("format.class", "io.confluent.connect.s3.format.parquet.ParquetFormatt"));
    assertThat(result.failed()).isTrue();
    assertThat(errors(result)).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("format.class");
      assertThat(f.message()).contains("ParquetFormatt").contains("parquet").contains("avro");
    });
  }

  @Test
  void testBadPathFormatIsRejected() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(),
        Map.of("path.format", "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH/QQ"));
    assertThat(errors(result)).singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("path.format"));
  }

  @Test
  void testMissingBucketIsRejected() throws IOException {
    Map<String, String> changes = new HashMap<>();
    changes.put("s3.bucket.name", null);
    OfflineValidator.Result result = validate(orderEvents(), changes);
    assertThat(errors(result)).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("s3.bucket.name");
      assertThat(f.message()).contains("s3.bucket.name");
    });
  }

  @Test
  void testUnknownTransformIsRejected() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(),
        Map.of("transforms", "unwrap", "transforms.unwrap.type", "io.streamlake.connect.cdc.ExtractNewRecordStat"));
    assertThat(errors(result)).extracting(Finding::key).contains("transforms.unwrap.type");
  }

  @Test
  void testBadTransformOptionIsRejected() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(),
        Map.of("transforms", "unwrap", "transforms.unwrap.type", "io.streamlake.connect.cdc.ExtractNewRecordState",
            "transforms.unwrap.delete.tombstone.handling.mode", "rewrite-everything"));
    assertThat(errors(result)).extracting(Finding::key).contains("transforms.unwrap.delete.tombstone.handling.mode");
  }

  @Test
  void testTypoInOptionNameIsAWarningWithASuggestion() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(), Map.of("parquet.codex", "zstd"));
    assertThat(result.failed()).isFalse();
    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("parquet.codex");
      assertThat(f.message()).contains("Did you mean parquet.codec?");
    });
  }

  @Test
  void testWorkerSettingInConnectorIsRejected() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(), Map.of("plugin.path", "/opt/plugins"));
    assertThat(errors(result)).extracting(Finding::key).containsExactly("plugin.path");
  }

  @Test
  void testLiteralSecretOfAPasswordOptionFailsValidation() throws IOException {
    OfflineValidator.Result result = validate(orderEvents(),
        Map.of("aws.access.key.id", "AKIAEXAMPLE", "aws.secret.access.key", "not-a-real-secret"));
    assertThat(result.failed()).isTrue();
    assertThat(errors(result)).extracting(Finding::key).containsExactly("aws.secret.access.key");
    assertThat(result.literalSecrets()).containsExactly("aws.secret.access.key");
    assertThat(result.findings().toString()).doesNotContain("not-a-real-secret");
  }

  @Test
  void testPasswordOptionWithoutASecretNameIsFoundByItsType() throws IOException {
    // sts.role.external.id is a PASSWORD option although its name says neither "password" nor "secret"
    OfflineValidator.Result result = validate(orderEvents(), Map.of("sts.role.arn",
        "arn:aws:iam::123456789012:role/lake", "sts.role.external.id", "external-id-value"));
    assertThat(result.literalSecrets()).containsExactly("sts.role.external.id");
    assertThat(result.findings().toString()).doesNotContain("external-id-value");
  }

  @Test
  void testClientSecretsUnderEveryPrefixFailValidation() throws IOException {
    Map<String, String> secrets = new java.util.LinkedHashMap<>();
    secrets.put("consumer.override.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"pw-1\";");
    secrets.put("producer.override.ssl.key.password", "pw-2");
    secrets.put("admin.override.ssl.keystore.password", "pw-3");
    secrets.put("consumer.override.ssl.truststore.password", "pw-4");
    secrets.put("value.converter.basic.auth.user.info", "user:pw-5");
    OfflineValidator.Result result = validate(orderEvents(), secrets);
    assertThat(result.failed()).isTrue();
    assertThat(result.literalSecrets()).containsExactlyInAnyOrderElementsOf(secrets.keySet());
    assertThat(result.findings().toString()).doesNotContain("pw-1", "pw-2", "pw-3", "pw-4", "pw-5");
  }

  @Test
  void testLagEmittersAdminClientSecretsFailValidation() throws IOException {
    ConnectorFile lag = ConnectorFile.read(DeployFiles.connectors().resolve("consumer-lag-cloudwatch.json"));
    OfflineValidator.Result result = validate(lag, Map.of("admin.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"pw-6\";",
        "admin.ssl.keystore.password", "pw-7"));
    assertThat(result.literalSecrets()).containsExactlyInAnyOrder("admin.sasl.jaas.config",
        "admin.ssl.keystore.password");
    assertThat(result.findings().toString()).doesNotContain("pw-6", "pw-7");
  }

  @Test
  void testConfigProviderReferencesAndTheIamLoginModulePass() throws IOException {
    ConnectorFile lag = ConnectorFile.read(DeployFiles.connectors().resolve("consumer-lag-cloudwatch.json"));
    OfflineValidator.Result result = validate(lag, Map.of(
        "admin.sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
        "admin.ssl.truststore.password", "${secretsmanager:lag/truststore:password}",
        "consumer.override.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"u\" password=\"${secretsmanager:lag/scram:password}\";"));
    assertThat(result.literalSecrets()).isEmpty();
  }

  @Test
  void testSecretsOfAConnectorFromAnotherPluginAreStillChecked() throws IOException {
    ConnectorFile debezium = ConnectorFile.read(DeployFiles.connectors().resolve("debezium-postgres-source.json"));
    OfflineValidator.Result result = validate(debezium, Map.of("producer.override.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"pw-8\";"));
    assertThat(result.status()).isEqualTo(OfflineValidator.Status.SKIPPED);
    assertThat(result.literalSecrets()).containsExactly("producer.override.sasl.jaas.config");
    assertThat(result.failed()).isTrue();
  }
}
