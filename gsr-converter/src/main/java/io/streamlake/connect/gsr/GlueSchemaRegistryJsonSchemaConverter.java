package io.streamlake.connect.gsr;

import io.streamlake.common.LruCache;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamlake.common.Version;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads and writes JSON Schema records in the AWS Glue Schema Registry wire format ({@link WireFormat}), a drop-in
 * for AWS's {@code com.amazonaws.services.schemaregistry.kafkaconnect.jsonschema.JsonSchemaConverter}: the same
 * option names ({@link GsrConverterConfig#JSON_CONFIG_DEF}), the same bytes. {@code toConnectData} takes the schema
 * version id from each record, fetches that version's JSON Schema from Glue once ({@code GetSchemaVersion}, cached),
 * and reads the UTF-8 JSON payload into Connect data by it ({@link JsonSchemaToConnect}); {@code fromConnectData}
 * writes the JSON Schema of the Connect schema ({@link ConnectToJsonSchema}), finds or registers its version under
 * {@code schemaName} (default: the topic) and frames the compact JSON of the value with it.
 */
public class GlueSchemaRegistryJsonSchemaConverter implements Converter, Versioned, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private GlueSession session;
  private GsrConverterConfig config;
  private GlueSchemas registry;
  private JsonSchemaToConnect toConnect;
  private ConnectToJsonSchema toJson;
  private LruCache<UUID, Schema> readPlans;
  private LruCache<Schema, String> writePlans;

  @Override
  public String version() {
    return Version.of(getClass());
  }

  @Override
  public ConfigDef config() {
    return GsrConverterConfig.JSON_CONFIG_DEF;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(GlueSession.open(DataFormat.JSON, configs, isKey));
  }

  /** Test seam: a session on a given client and sleeper. */
  void configure(GlueSession opened) {
    close();
    this.session = opened;
    this.config = opened.config();
    this.registry = opened.registry();
    this.toConnect = new JsonSchemaToConnect();
    this.toJson = new ConnectToJsonSchema(config.decimalFormat());
    this.readPlans = new LruCache<>(config.cacheSize());
    this.writePlans = new LruCache<>(config.connectSchemaCacheSize());
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    WireFormat.Frame frame = WireFormat.decode(value);
    Schema schema = readPlan(frame.schemaVersionId());
    JsonNode payload;
    try {
      payload = JSON.readTree(frame.payload());
    } catch (JsonProcessingException e) {
      throw new DataException("Glue Schema Registry record of schema version " + frame.schemaVersionId()
          + " on topic " + topic + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DataException("Glue Schema Registry record of schema version " + frame.schemaVersionId()
          + " on topic " + topic + " could not be read as JSON: " + e.getMessage(), e);
    }
    if (payload == null || payload.isMissingNode()) {
      throw new DataException("Glue Schema Registry record of schema version " + frame.schemaVersionId()
          + " on topic " + topic + " has an empty JSON payload");
    }
    try {
      return new SchemaAndValue(schema, toConnect.toConnectValue(schema, payload));
    } catch (DataException e) {
      throw new DataException("Glue Schema Registry record of schema version " + frame.schemaVersionId()
          + " on topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private Schema readPlan(UUID versionId) {
    Schema plan = readPlans.get(versionId);
    if (plan == null) {
      String definition = registry.definitionOf(versionId);
      try {
        JsonNode root = JSON.readTree(definition);
        if (root == null || !root.isObject()) {
          throw new DataException("the definition is not a JSON object");
        }
        plan = toConnect.toConnectSchema(root);
      } catch (JsonProcessingException e) {
        throw new DataException("Schema version id " + versionId + " has a definition that is not JSON: "
            + e.getOriginalMessage(), e);
      } catch (DataException e) {
        throw new DataException("Schema version id " + versionId + ": " + e.getMessage(), e);
      }
      readPlans.put(versionId, plan);
    }
    return plan;
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema == null) {
      throw new DataException("The Glue Schema Registry JSON Schema converter needs a Connect schema to write a value"
          + " of topic " + topic + " (got a " + value.getClass().getName() + " without one)");
    }
    ConnectSchema.validateValue(schema, value);
    String definition = writePlans.get(schema);
    if (definition == null) {
      definition = toJson.toJsonSchema(schema).toString();
      writePlans.put(schema, definition);
    }
    byte[] payload;
    try {
      payload = JSON.writeValueAsBytes(toJson.toJson(schema, value));
    } catch (JsonProcessingException e) {
      throw new DataException("Could not write a value of topic " + topic + " as JSON: " + e.getOriginalMessage(), e);
    }
    UUID versionId = registry.versionIdOf(config.schemaName().orElse(topic), definition);
    return WireFormat.encode(versionId, payload, config.compression());
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
