package io.streamlake.connect.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;

class FastJsonConverterTest {

  private static final Schema ROW = SchemaBuilder.struct().name("row")
      .field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();

  private static FastJsonConverter converter(Map<String, ?> config) {
    FastJsonConverter converter = new FastJsonConverter();
    converter.configure(config, false);
    return converter;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsAnEnvelopeIntoSchemaAndStruct() {
    SchemaAndValue data = converter(Map.of()).toConnectData("t", utf8("{\"schema\":{\"type\":\"struct\",\"name\":"
        + "\"row\",\"fields\":[{\"type\":\"int64\",\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,"
        + "\"field\":\"name\"}]},\"payload\":{\"id\":7,\"name\":\"x\"}}"));

    assertThat(data.schema()).isEqualTo(ROW);
    assertThat(data.value()).isEqualTo(new Struct(ROW).put("id", 7L).put("name", "x"));
  }

  @Test
  void readsAPayloadWrittenBeforeItsSchema() {
    SchemaAndValue data = converter(Map.of()).toConnectData("t",
        utf8("{\"payload\":[1,2],\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"int32\"}}}"));

    assertThat(data.schema()).isEqualTo(SchemaBuilder.array(Schema.INT32_SCHEMA).build());
    assertThat(data.value()).isEqualTo(List.of(1, 2));
  }

  @Test
  void writesTheEnvelopeWithSchemaThenPayload() {
    byte[] json = converter(Map.of()).fromConnectData("t", ROW, new Struct(ROW).put("id", 7L));

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"schema\":{\"type\":\"struct\",\"fields\":["
        + "{\"type\":\"int64\",\"optional\":false,\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,"
        + "\"field\":\"name\"}],\"optional\":false,\"name\":\"row\"},\"payload\":{\"id\":7,\"name\":null}}");
  }

  @Test
  void readsPlainJsonWithoutSchemasWhenSchemasAreDisabled() {
    SchemaAndValue data = converter(Map.of("schemas.enable", "false")).toConnectData("t", utf8("{\"a\":[1,2.5]}"));

    assertThat(data.schema()).isNull();
    assertThat(data.value()).isEqualTo(Map.of("a", List.of(1L, 2.5d)));
  }

  @Test
  void tombstonesStayNull() {
    FastJsonConverter converter = converter(Map.of());

    assertThat(converter.toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter.fromConnectData("t", null, null)).isNull();
  }

  @Test
  void aRequiredFieldWithoutValueFailsAsDataException() {
    FastJsonConverter converter = converter(Map.of());
    byte[] message = converter.fromConnectData("t", ROW, new Struct(ROW).put("id", 1L));
    byte[] withoutId = new String(message, StandardCharsets.UTF_8).replace("\"id\":1,", "")
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> converter.toConnectData("t", withoutId)).isExactlyInstanceOf(DataException.class);
  }

  @Test
  void truncatedJsonFailsAsDataException() {
    assertThatThrownBy(() -> converter(Map.of()).toConnectData("t", utf8("{\"schema\":null,\"payload\":[1,")))
        .isExactlyInstanceOf(DataException.class);
  }

  @Test
  void nestingDeeperThanJacksonsLimitFailsAsDataExceptionNotStackOverflow() {
    byte[] deep = utf8("{\"schema\":null,\"payload\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}");

    assertThatThrownBy(() -> converter(Map.of()).toConnectData("t", deep))
        .isExactlyInstanceOf(DataException.class).hasMessageContaining("1000 levels");
  }

  @Test
  void schemasAreCachedByTheirBytes() {
    FastJsonConverter converter = converter(Map.of());
    byte[] first = utf8("{\"schema\":{\"type\":\"int32\",\"name\":\"n\"},\"payload\":1}");
    byte[] second = utf8("{\"schema\":{\"type\":\"int32\",\"name\":\"n\"},\"payload\":2}");

    assertThat(converter.toConnectData("t", second).schema()).isSameAs(converter.toConnectData("t", first).schema());
  }

  @Test
  void theSchemaCacheKeepsAtMostSchemasCacheSizeEntries() {
    FastJsonConverter converter = converter(Map.of("schemas.cache.size", "2"));
    for (int i = 0; i < 5; i++) {
      converter.toConnectData("t", utf8("{\"schema\":{\"type\":\"int32\",\"version\":" + i + "},\"payload\":1}"));
    }

    assertThat(converter.parsedSchemaCacheSize()).isEqualTo(2);
  }

  @Test
  void readingLeavesTheMessageBytesUnchanged() {
    byte[] message = utf8("{\"payload\":{\"id\":1},\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\","
        + "\"field\":\"id\"}]}}");
    byte[] copy = message.clone();

    converter(Map.of()).toConnectData("t", message);

    assertThat(message).isEqualTo(copy);
  }

  @Test
  void writingLeavesTheStructUnchanged() {
    Struct row = new Struct(ROW).put("id", 1L);
    Struct copy = new Struct(ROW).put("id", 1L);

    converter(Map.of()).fromConnectData("t", ROW, row);

    assertThat(row).isEqualTo(copy);
  }

  @Test
  void decimalFormatIsMatchedIgnoringCase() {
    byte[] json = converter(Map.of("schemas.enable", "false", "decimal.format", "numeric"))
        .fromConnectData("t", org.apache.kafka.connect.data.Decimal.schema(2), new java.math.BigDecimal("1.50"));

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("1.50");
  }

  @Test
  void anUnknownDecimalFormatIsRejectedNamingTheOptionAndTheChoices() {
    assertThatThrownBy(() -> converter(Map.of("decimal.format", "hex")))
        .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
        .hasMessageContaining("decimal.format").hasMessageContaining("BASE64").hasMessageContaining("NUMERIC");
  }

  @Test
  void configuringWithoutConverterTypeIsRejectedAsJsonConverterDoes() {
    assertThatThrownBy(() -> new FastJsonConverter().configure(Map.of()))
        .isInstanceOf(org.apache.kafka.common.config.ConfigException.class).hasMessageContaining("converter.type");
  }

  @Test
  void valueConverterPrefixedWorkerSettingsApply() {
    Map<String, Object> worker = new HashMap<>();
    worker.put("value.converter", FastJsonConverter.class.getName());
    worker.put("value.converter.schemas.enable", "false");
    worker.put("key.converter.schemas.enable", "true");
    Map<String, Object> valueSettings = new AbstractConfig(new ConfigDef(), worker).originalsWithPrefix("value.converter.");

    FastJsonConverter converter = converter(valueSettings);

    assertThat(converter.toConnectData("t", utf8("{\"a\":1}")).value()).isEqualTo(Map.of("a", 1L));
  }

  @Test
  void hasTheOptionNamesOfJsonConverter() {
    Converter kafka = WorkerJsonConverter.converter(Map.of(), false);

    assertThat(new FastJsonConverter().config().names()).isEqualTo(kafka.config().names());
  }

  @Test
  void isRegisteredForServiceLoadingAsConverterAndHeaderConverter() {
    assertThat(ServiceLoader.load(Converter.class).stream().map(p -> p.type().getName()))
        .contains(FastJsonConverter.class.getName());
    assertThat(ServiceLoader.load(HeaderConverter.class).stream().map(p -> p.type().getName()))
        .contains(FastJsonConverter.class.getName());
  }

  @Test
  void reportsTheBundleVersion() {
    assertThat(new FastJsonConverter().version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void configReturnsTheSingleConfigDef() {
    assertThat(new FastJsonConverter().config()).isSameAs(FastJsonConverterConfig.CONFIG_DEF);
  }
}
