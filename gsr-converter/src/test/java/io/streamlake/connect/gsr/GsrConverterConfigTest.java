package io.streamlake.connect.gsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class GsrConverterConfigTest {

  private static Map<String, Object> base() {
    Map<String, Object> props = new HashMap<>();
    props.put("converter.type", "value");
    props.put("region", "eu-west-1");
    return props;
  }

  private static GsrConverterConfig config(Map<String, Object> extra) {
    Map<String, Object> props = base();
    props.putAll(extra);
    return new GsrConverterConfig(props);
  }

  @Test
  void testDefaultsAreAwsConverterDefaults() {
    GsrConverterConfig config = config(Map.of());
    assertThat(config.registryName()).isEqualTo("default-registry");
    assertThat(config.autoRegistration()).isFalse();
    assertThat(config.compression()).isEqualTo(Compression.NONE);
    assertThat(config.compatibility()).isEqualTo(Compatibility.BACKWARD);
    assertThat(config.cacheSize()).isEqualTo(200);
    assertThat(config.definitionTtl().toHours()).isEqualTo(24);
    assertThat(config.connectSchemaCacheSize()).isEqualTo(1000);
    assertThat(config.schemaName()).isEmpty();
    assertThat(config.avroRecordType()).isEqualTo(AvroRecordType.GENERIC_RECORD);
  }

  @Test
  void testAwsSpellingsAreAccepted() {
    GsrConverterConfig config = config(Map.of("compression", "zlib", "avroRecordType", "SPECIFIC_RECORD",
        "compatibility", "backward_all", "schemaAutoRegistrationEnabled", "true", "dataFormat", "AVRO",
        "cacheSize", "50", "timeToLiveMillis", "60000", "schemas.cache.config", "10"));
    assertThat(config.compression()).isEqualTo(Compression.ZLIB);
    assertThat(config.compatibility()).isEqualTo(Compatibility.BACKWARD_ALL);
    assertThat(config.autoRegistration()).isTrue();
    assertThat(config.cacheSize()).isEqualTo(50);
  }

  @Test
  void testBadCompressionNamesTheOptionAndAllowedValues() {
    assertThatThrownBy(() -> config(Map.of("compression", "gzip"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("compression").hasMessageContaining("NONE, ZLIB");
  }

  @Test
  void testJsonDataFormatOnTheAvroConverterNamesTheJsonSchemaConverter() {
    assertThatThrownBy(() -> config(Map.of("dataFormat", "JSON"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("dataFormat").hasMessageContaining("AVRO")
        .hasMessageContaining(GlueSchemaRegistryJsonSchemaConverter.class.getName());
  }

  @Test
  void testProtobufDataFormatIsRefusedListingTheFormats() {
    assertThatThrownBy(() -> config(Map.of("dataFormat", "PROTOBUF"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("dataFormat").hasMessageContaining("AVRO, JSON");
  }

  private static GsrConverterConfig json(Map<String, Object> extra) {
    Map<String, Object> props = base();
    props.putAll(extra);
    return new GsrConverterConfig(DataFormat.JSON, props);
  }

  @Test
  void testJsonConverterDefaultsToJsonAndBase64Decimals() {
    GsrConverterConfig config = json(Map.of("dataFormat", "json"));
    assertThat(config.dataFormat()).isEqualTo(DataFormat.JSON);
    assertThat(config.decimalFormat()).isEqualTo(DecimalFormat.BASE64);
    assertThat(json(Map.of("decimal.format", "numeric")).decimalFormat()).isEqualTo(DecimalFormat.NUMERIC);
    assertThat(GsrConverterConfig.JSON_CONFIG_DEF.defaultValues()).containsEntry("dataFormat", "JSON");
    assertThat(GsrConverterConfig.CONFIG_DEF.names()).doesNotContain("decimal.format");
  }

  @Test
  void testAvroDataFormatOnTheJsonConverterNamesTheAvroConverter() {
    assertThatThrownBy(() -> json(Map.of("dataFormat", "AVRO"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("dataFormat").hasMessageContaining(GlueSchemaRegistryAvroConverter.class.getName());
  }

  @Test
  void testBadDecimalFormatNamesTheOptionAndAllowedValues() {
    assertThatThrownBy(() -> json(Map.of("decimal.format", "text"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("decimal.format").hasMessageContaining("BASE64, NUMERIC");
  }

  @Test
  void testConnectMetaDataFalseIsRefusedByTheJsonConverter() {
    assertThat(json(Map.of("connect.meta.data", "true")).dataFormat()).isEqualTo(DataFormat.JSON);
    assertThatThrownBy(() -> json(Map.of("connect.meta.data", "false"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("connect.meta.data");
  }

  @Test
  void testJsonConverterRefusesTheSameUnsupportedAwsOptions() {
    for (String option : GsrConverterConfig.UNSUPPORTED.keySet()) {
      assertThatThrownBy(() -> json(Map.of(option, "x"))).as(option).isInstanceOf(ConfigException.class)
          .hasMessageContaining(option);
    }
  }

  @Test
  void testUnsupportedAwsOptionsAreRefusedByName() {
    assertThatThrownBy(() -> config(Map.of("secondaryDeserializer", "x.Y", "tags", "a=b")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("secondaryDeserializer")
        .hasMessageContaining("tags");
  }

  @Test
  void testEveryUnsupportedOptionIsRefused() {
    for (String option : GsrConverterConfig.UNSUPPORTED.keySet()) {
      assertThatThrownBy(() -> config(Map.of(option, "x"))).as(option).isInstanceOf(ConfigException.class)
          .hasMessageContaining(option);
    }
  }

  @Test
  void testEnhancedAvroSchemaSupportIsAcceptedOnlyAtAwsDefault() {
    config(Map.of("enhanced.avro.schema.support", "false"));
    assertThatThrownBy(() -> config(Map.of("enhanced.avro.schema.support", "true")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("enhanced.avro.schema.support");
  }

  @Test
  void testIgnoredAwsOptionsAreAccepted() {
    config(Map.of("userAgentApp", "my-app", "connect.meta.data", "true"));
  }

  @Test
  void testAssumeRoleArnIsAnAliasOfStsRoleArn() {
    GsrConverterConfig config = config(Map.of("assumeRoleArn", "arn:aws:iam::123456789012:role/gsr",
        "assumeRoleSessionName", "s1"));
    assertThat(config.credentials().assumeRole()).hasValueSatisfying(role ->
        assertThat(role.toString()).contains("arn:aws:iam::123456789012:role/gsr"));
  }

  @Test
  void testAssumeRoleArnConflictingWithStsRoleArnIsRefused() {
    assertThatThrownBy(() -> config(Map.of("assumeRoleArn", "arn:aws:iam::1:role/a",
        "sts.role.arn", "arn:aws:iam::1:role/b"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("assumeRoleArn").hasMessageContaining("sts.role.arn");
  }

  @Test
  void testEndpointMustBeAnHttpUrl() {
    assertThatThrownBy(() -> config(Map.of("endpoint", "glue.local"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("endpoint");
    assertThat(config(Map.of("endpoint", "http://127.0.0.1:4566")).endpoint()).isPresent();
  }

  @Test
  void testRetryMaxBackoffBelowBackoffIsRefused() {
    assertThatThrownBy(() -> config(Map.of("glue.retry.backoff.ms", "500", "glue.retry.max.backoff.ms", "100")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("glue.retry.max.backoff.ms")
        .hasMessageContaining("glue.retry.backoff.ms");
  }

  @Test
  void testHalfStaticKeysAreRefused() {
    assertThatThrownBy(() -> config(Map.of("aws.access.key.id", "AKID"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("aws.secret.access.key");
  }

  @Test
  void testCacheSizeMustBePositive() {
    assertThatThrownBy(() -> config(Map.of("cacheSize", "0"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("cacheSize");
  }
}
