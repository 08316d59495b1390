package io.streamlake.connect.json;

import io.streamlake.common.Version;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * A drop-in replacement for Kafka Connect's {@code org.apache.kafka.connect.json.JsonConverter}: the same
 * options, the same JSON both ways and the same Connect schemas, values and exceptions, several times faster on
 * {@code toConnectData}. It reads with Jackson's streaming parser (no tree), keeps parsed schemas by the exact
 * bytes of the message's schema object, and builds Structs straight from the tokens; it writes with Jackson's
 * generator and keeps each schema's JSON text. Usable as key, value and header converter.
 */
public class FastJsonConverter implements Converter, HeaderConverter, Versioned {

  /** Jackson as JsonConverter configures it for reading (leading zeros in numbers allowed). */
  private static final JsonFactory FACTORY = new JsonFactoryBuilder()
      .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
      .build();

  private FastJsonConverterConfig config;
  private MessageReader reader;
  private MessageWriter writer;
  private SchemaReader schemaReader;

  @Override
  public String version() {
    return Version.of(getClass());
  }

  @Override
  public ConfigDef config() {
    return FastJsonConverterConfig.CONFIG_DEF;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    config = new FastJsonConverterConfig(configs);
    int cacheSize = config.schemaCacheSize();
    Spans spans = new Spans(FACTORY);
    ValueReader values = new ValueReader(config.replaceNullWithDefault());
    schemaReader = new SchemaReader(spans, values, cacheSize);
    reader = new MessageReader(FACTORY, config.schemasEnabled(), values, schemaReader, spans);
    ValueWriter valueWriter = new ValueWriter(FACTORY, config.decimalFormat(), config.replaceNullWithDefault());
    writer = new MessageWriter(FACTORY, config.schemasEnabled(),
        new SchemaWriter(FACTORY, valueWriter, cacheSize), valueWriter);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> withType = new HashMap<>(configs);
    withType.put(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
    configure(withType);
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    return writer.write(schema, value);
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    return reader.read(value);
  }

  @Override
  public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
    return fromConnectData(topic, schema, value);
  }

  @Override
  public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
    return toConnectData(topic, value);
  }

  @Override
  public void close() {
    // Nothing to release: parsers and generators are closed per message.
  }

  /** Number of schemas parsed from messages and kept (for tests). */
  int parsedSchemaCacheSize() {
    return schemaReader.cacheSize();
  }
}
