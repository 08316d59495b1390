package io.streamlake.connect.s3.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.common.aws.CredentialSettings;
import io.streamlake.common.aws.CredentialsProviderKind;
import io.streamlake.common.config.ConfigProblem;
import io.streamlake.configdocs.ConfigDocs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

class S3SinkConfigTest {

  /** The connector JSON from the AWS MSK guide, as users run it with Confluent's sink. */
  static Map<String, String> seed() {
    Map<String, String> props = new HashMap<>();
    props.put("tasks.max", "6");
    props.put("topics", "order-events");
    props.put("s3.region", "us-east-1");
    props.put("s3.bucket.name", "my-event-lake");
    props.put("s3.part.size", "67108864");
    props.put("flush.size", "10000");
    props.put("rotate.interval.ms", "300000");
    props.put("storage.class", "io.confluent.connect.s3.storage.S3Storage");
    props.put("format.class", "io.confluent.connect.s3.format.parquet.ParquetFormat");
    props.put("parquet.codec", "snappy");
    props.put("schema.compatibility", "FULL");
    props.put("locale", "en_US");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    props.put("partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    props.put("path.format", "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    return props;
  }

  @Test
  void acceptsTheConfluentSeedConfig() {
    S3SinkConfig config = new S3SinkConfig(seed());
    assertThat(config.format()).isEqualTo(FormatKind.PARQUET);
    assertThat(config.partitioner()).isEqualTo(PartitionerKind.TIME);
    assertThat(config.timestampKind()).isEqualTo(TimestampKind.RECORD_FIELD);
    assertThat(config.parquetCodec()).isEqualTo(ParquetCodec.SNAPPY);
    assertThat(config.schemaCompatibility()).isEqualTo(SchemaCompatibility.FULL);
    assertThat(config.getInt(S3SinkConfig.S3_PART_SIZE_CONFIG)).isEqualTo(67108864);
  }

  @Test
  void acceptsShortNamesInAnyCase() {
    Map<String, String> props = seed();
    props.put("format.class", "JSON");
    props.put("partitioner.class", "Hourly");
    props.put("timestamp.extractor", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$WallclockTimestampExtractor");
    S3SinkConfig config = new S3SinkConfig(props);
    assertThat(config.format()).isEqualTo(FormatKind.JSON);
    assertThat(config.partitioner()).isEqualTo(PartitionerKind.HOURLY);
    assertThat(config.timestampKind()).isEqualTo(TimestampKind.WALLCLOCK);
  }

  @Test
  void unknownFormatNamesTheOptionAndTheAllowedValues() {
    Map<String, String> props = seed();
    props.put("format.class", "io.confluent.connect.s3.format.parquet.ParquetFormatt");
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("format.class")
        .hasMessageContaining("parquet (or io.confluent.connect.s3.format.parquet.ParquetFormat)")
        .hasMessageContaining("json").hasMessageContaining("avro");
  }

  @Test
  void unknownCodecIsRejected() {
    Map<String, String> props = seed();
    props.put("parquet.codec", "brotli");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("parquet.codec")
        .hasMessageContaining("lz4_raw");
  }

  @Test
  void missingBucketIsRejected() {
    Map<String, String> props = seed();
    props.remove("s3.bucket.name");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("s3.bucket.name");
  }

  @Test
  void timePartitionerNeedsPathFormat() {
    Map<String, String> props = seed();
    props.remove("path.format");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("path.format")
        .hasMessageContaining("partitioner.class");
  }

  @Test
  void timePartitionerNeedsTimezone() {
    Map<String, String> props = seed();
    props.remove("timezone");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("timezone");
  }

  @Test
  void scheduledRotationNeedsTimezone() {
    Map<String, String> props = seed();
    props.put("partitioner.class", "default");
    props.remove("timezone");
    props.put("rotate.schedule.interval.ms", "60000");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("timezone")
        .hasMessageContaining("rotate.schedule.interval.ms");
  }

  @Test
  void invalidTimezoneIsRejected() {
    Map<String, String> props = seed();
    props.put("timezone", "Mars/Olympus");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("timezone")
        .hasMessageContaining("Europe/Berlin");
  }

  @Test
  void badPathFormatLetterIsRejected() {
    Map<String, String> props = seed();
    props.put("path.format", "'year'=YYYY/'q'=Q");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("path.format")
        .hasMessageContaining("Unsupported letter 'Q'");
  }

  @Test
  void unbalancedQuoteInPathFormatIsRejected() {
    Map<String, String> props = seed();
    props.put("path.format", "'year=YYYY");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("Unbalanced");
  }

  @Test
  void fieldPartitionerNeedsFields() {
    Map<String, String> props = seed();
    props.put("partitioner.class", "field");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("partition.field.name");
  }

  @Test
  void writingNullValuesNeedsJson() {
    Map<String, String> props = seed();
    props.put("behavior.on.null.values", "write");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("behavior.on.null.values")
        .hasMessageContaining("format.class");
    props.put("format.class", "json");
    assertThat(new S3SinkConfig(props).nullValueBehavior()).isEqualTo(NullValueBehavior.WRITE);
  }

  @Test
  void envelopeIsOffByDefault() {
    assertThat(new S3SinkConfig(seed()).getBoolean(S3SinkConfig.STORE_ENVELOPE_CONFIG)).isFalse();
  }

  @Test
  void writingNullValuesAsParquetNeedsEnvelopes() {
    Map<String, String> props = seed();
    props.put("behavior.on.null.values", "write");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("store.envelope=true");
    props.put("store.envelope", "true");
    S3SinkConfig config = new S3SinkConfig(props);
    assertThat(config.nullValueBehavior()).isEqualTo(NullValueBehavior.WRITE);
    assertThat(config.getBoolean(S3SinkConfig.STORE_ENVELOPE_CONFIG)).isTrue();
  }

  @Test
  void writingNullValuesWithoutEnvelopesMarksEveryKeyInvolved() {
    Map<String, String> props = seed();
    props.put("behavior.on.null.values", "write");
    List<ConfigProblem> problems = S3SinkConfig.validate(props);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).keys()).containsExactlyInAnyOrder("behavior.on.null.values", "format.class",
        "store.envelope");
  }

  @Test
  void kmsKeyNeedsKmsEncryption() {
    Map<String, String> props = seed();
    props.put("s3.sse.kms.key.id", "alias/lake");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("s3.ssea.name");
    props.put("s3.ssea.name", "aws:kms");
    assertThat(new S3SinkConfig(props).sseAlgorithm()).isEqualTo(SseAlgorithm.KMS);
  }

  @Test
  void accessKeyNeedsSecretAndNeverShowsIt() {
    Map<String, String> props = seed();
    props.put("aws.access.key.id", "AKIAEXAMPLE");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("aws.secret.access.key")
        .hasMessageNotContaining("AKIAEXAMPLE");
  }

  @Test
  void confluentCrossAccountConfigAssumesItsRole() {
    Map<String, String> props = seed();
    props.put("s3.credentials.provider.class", "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider");
    props.put("s3.credentials.provider.sts.role.arn", "arn:aws:iam::210987654321:role/lake-writer");
    props.put("s3.credentials.provider.sts.role.session.name", "orders-to-lake");
    props.put("s3.credentials.provider.sts.role.external.id", "shared-ext-id");
    S3SinkConfig config = new S3SinkConfig(props);
    AssumeRoleRequest request = config.credentials().assumeRole().orElseThrow().request();
    assertThat(request.roleArn()).isEqualTo("arn:aws:iam::210987654321:role/lake-writer");
    assertThat(request.roleSessionName()).isEqualTo("orders-to-lake");
    assertThat(request.externalId()).isEqualTo("shared-ext-id");
    try (CredentialSettings.Provider provider = config.credentials().provider(Region.US_EAST_1)) {
      assertThat(provider.delegate()).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
    }
  }

  @Test
  void confluentDefaultChainClassNamesAreAccepted() {
    Map<String, String> props = seed();
    props.put("s3.credentials.provider.class", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
    assertThat(new S3SinkConfig(props).credentials().kind()).isEqualTo(CredentialsProviderKind.DEFAULT);
    props.put("s3.credentials.provider.class", "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
    assertThat(new S3SinkConfig(props).credentials().assumeRole()).isEmpty();
  }

  @Test
  void unknownCredentialsProviderClassIsRejectedWithTheAllowedValues() {
    Map<String, String> props = seed();
    props.put("s3.credentials.provider.class", "com.example.VaultCredentialsProvider");
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("s3.credentials.provider.class")
        .hasMessageContaining("io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider")
        .hasMessageContaining("com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
  }

  @Test
  void assumeRoleProviderWithoutARoleIsRejected() {
    Map<String, String> props = seed();
    props.put("s3.credentials.provider.class", "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider");
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("s3.credentials.provider.sts.role.arn").hasMessageContaining("sts.role.arn");
  }

  @Test
  void externalIdIsASecretNeverShown() {
    Map<String, String> props = seed();
    props.put("s3.credentials.provider.sts.role.external.id", "shared-ext-id");
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("sts.role.arn").hasMessageNotContaining("shared-ext-id");
    assertThat(S3SinkConfig.CONFIG_DEF.configKeys().get("s3.credentials.provider.sts.role.external.id").type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
  }

  @Test
  void everyMultiKeyProblemIsReportedWithItsKeys() {
    Map<String, String> props = seed();
    props.remove("path.format");
    props.remove("timezone");
    props.put("s3.sse.kms.key.id", "alias/lake");
    assertThat(S3SinkConfig.validate(props)).extracting(ConfigProblem::keys).containsExactly(
        List.of("path.format", "partitioner.class"), List.of("timezone", "partitioner.class"),
        List.of("s3.sse.kms.key.id", "s3.ssea.name"));
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("3 problems").hasMessageContaining("path.format is required")
        .hasMessageContaining("timezone is required").hasMessageContaining("s3.sse.kms.key.id needs");
  }

  @Test
  void partSizeBelowS3MinimumIsRejected() {
    Map<String, String> props = seed();
    props.put("s3.part.size", "1024");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("s3.part.size");
  }

  @Test
  void invalidSchemalessSchemaIsRejected() {
    Map<String, String> props = seed();
    props.put("schemaless.avro.schema", "{\"type\":\"strin\"}");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("schemaless.avro.schema");
  }

  @Test
  void zeroRotateIntervalIsRejected() {
    Map<String, String> props = seed();
    props.put("rotate.interval.ms", "0");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("rotate.interval.ms");
  }

  @Test
  void unknownCannedAclIsRejectedWithTheKnownOnes() {
    Map<String, String> props = seed();
    props.put("s3.acl.canned", "everyone-please");
    assertThatThrownBy(() -> new S3SinkConfig(props)).hasMessageContaining("s3.acl.canned")
        .hasMessageContaining("bucket-owner-full-control");
  }

  @Test
  void everyOptionHasDocumentation() {
    S3SinkConfig.CONFIG_DEF.configKeys().values()
        .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
  }

  @Test
  void sideFilesAreOffByDefaultAndAvroWhenOnAsInConfluentsSink() {
    S3SinkConfig off = new S3SinkConfig(seed());
    assertThat(off.keysFormat()).isEmpty();
    assertThat(off.headersFormat()).isEmpty();
    Map<String, String> props = seed();
    props.put("store.kafka.keys", "true");
    props.put("store.kafka.headers", "true");
    S3SinkConfig on = new S3SinkConfig(props);
    assertThat(on.keysFormat()).contains(FormatKind.AVRO);
    assertThat(on.headersFormat()).contains(FormatKind.AVRO);
  }

  @Test
  void sideFileFormatsAcceptConfluentClassNames() {
    Map<String, String> props = seed();
    props.put("store.kafka.keys", "true");
    props.put("store.kafka.headers", "true");
    props.put("keys.format.class", "io.confluent.connect.s3.format.parquet.ParquetFormat");
    props.put("headers.format.class", "io.confluent.connect.s3.format.json.JsonFormat");
    S3SinkConfig config = new S3SinkConfig(props);
    assertThat(config.keysFormat()).contains(FormatKind.PARQUET);
    assertThat(config.headersFormat()).contains(FormatKind.JSON);
    props.put("keys.format.class", "io.confluent.connect.s3.format.avro.AvroFormat");
    assertThat(new S3SinkConfig(props).keysFormat()).contains(FormatKind.AVRO);
  }

  @Test
  void unsupportedKeysFormatNamesTheOptionAndTheAllowedValues() {
    Map<String, String> props = seed();
    props.put("store.kafka.keys", "true");
    props.put("keys.format.class", "io.confluent.connect.s3.format.bytearray.ByteArrayFormat");
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("keys.format.class")
        .hasMessageContaining("avro (or io.confluent.connect.s3.format.avro.AvroFormat)");
  }

  @Test
  void unsupportedHeadersFormatNamesTheOption() {
    Map<String, String> props = seed();
    props.put("headers.format.class", "csv");
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("headers.format.class");
  }

  @Test
  void storeKafkaKeysMustBeABoolean() {
    Map<String, String> props = seed();
    props.put("store.kafka.keys", "yes please");
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.kafka.keys");
    Map<String, String> headers = seed();
    headers.put("store.kafka.headers", "1");
    assertThatThrownBy(() -> new S3SinkConfig(headers)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.kafka.headers");
  }

  @Test
  void sideFilesCannotBeCombinedWithTheGlueCatalog() {
    Map<String, String> props = seed();
    props.put("glue.enabled", "true");
    props.put("glue.database", "lake");
    props.put("store.kafka.headers", "true");
    assertThatThrownBy(() -> new S3SinkConfig(props)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("glue.enabled")
        .hasMessageContaining("store.kafka.headers");
    List<ConfigProblem> problems = S3SinkConfig.validate(props);
    assertThat(problems).anySatisfy(p -> assertThat(p.keys()).contains("glue.enabled", "store.kafka.headers")
        .doesNotContain("store.kafka.keys"));
  }

  @Test
  void readmeOptionsTableMatchesTheConfigDef() throws Exception {
    ConfigDocs.assertReadmeSection(Path.of("README.md"), "s3-sink", S3SinkConfig.CONFIG_DEF);
  }
}
