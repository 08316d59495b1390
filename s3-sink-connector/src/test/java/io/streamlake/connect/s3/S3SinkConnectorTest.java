package io.streamlake.connect.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class S3SinkConnectorTest {

  private static Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", S3SinkConnector.class.getName());
    props.put("topics", "orders");
    props.put("s3.bucket.name", "lake");
    props.put("format.class", "parquet");
    props.put("partitioner.class", "time");
    return props;
  }

  private static Map<String, List<String>> errors(Config config) {
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue value : config.configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  @Test
  void validateAttachesEveryMultiKeyProblemToEveryKeyItNames() {
    Map<String, List<String>> errors = errors(new S3SinkConnector().validate(props()));
    assertThat(errors).containsOnlyKeys("path.format", "timezone", "partitioner.class");
    assertThat(errors.get("path.format")).singleElement().asString().contains("path.format is required");
    assertThat(errors.get("timezone")).singleElement().asString().contains("timezone is required");
    assertThat(errors.get("partitioner.class")).hasSize(2);
  }

  @Test
  void validateOfAValidConfigHasNoErrors() {
    Map<String, String> props = props();
    props.put("path.format", "'dt'=YYYY-MM-dd");
    props.put("timezone", "UTC");
    assertThat(errors(new S3SinkConnector().validate(props))).isEmpty();
  }

  @Test
  void aPartitionKeyGlueRefusesIsAValidationErrorOnTheKeysInvolvedAndStopsTheConnector() {
    Map<String, String> props = props();
    props.put("partitioner.class", "field");
    props.put("partition.field.name", "customer-id");
    props.put("glue.enabled", "true");
    props.put("glue.database", "lake");
    Map<String, List<String>> errors = errors(new S3SinkConnector().validate(props));
    assertThat(errors).containsOnlyKeys("glue.enabled", "partitioner.class", "partition.field.name", "path.format");
    assertThat(errors.get("partition.field.name")).singleElement().asString().contains("'customer-id'")
        .contains("a-z, 0-9 and _");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new S3SinkConnector().start(props))
        .isInstanceOf(org.apache.kafka.common.config.ConfigException.class).hasMessageContaining("customer-id");
    props.put("glue.enabled", "false");
    assertThat(errors(new S3SinkConnector().validate(props))).isEmpty();
  }

  @Test
  void singleKeyErrorsComeAloneFromTheConfigDef() {
    Map<String, String> props = props();
    props.put("format.class", "orc");
    assertThat(errors(new S3SinkConnector().validate(props))).containsOnlyKeys("format.class");
  }

  @Test
  void aGlueEndpointThatIsNotAUrlIsAValidationErrorNamingIt() {
    Map<String, String> props = props();
    props.put("path.format", "'dt'=YYYY-MM-dd");
    props.put("timezone", "UTC");
    props.put("glue.enabled", "true");
    props.put("glue.database", "lake");
    for (String bad : List.of("glue.local", "http://bad host", "ftp://glue.local")) {
      props.put("glue.endpoint", bad);
      Map<String, List<String>> errors = errors(new S3SinkConnector().validate(props));
      assertThat(errors).as(bad).containsOnlyKeys("glue.endpoint");
      assertThat(errors.get("glue.endpoint")).singleElement().asString().contains("http(s) URL");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new S3SinkConnector().start(props))
          .isInstanceOf(org.apache.kafka.common.config.ConfigException.class).hasMessageContaining("glue.endpoint");
    }
    props.put("glue.endpoint", "https://glue.eu-west-1.amazonaws.com");
    assertThat(errors(new S3SinkConnector().validate(props))).isEmpty();
  }

  @Test
  void versionIsTheBundleVersion() {
    assertThat(new S3SinkConnector().version()).isNotBlank().doesNotContain("${");
  }
}
