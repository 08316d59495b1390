package io.streamlake.connect.gsr;

import io.streamlake.common.LruCache;
import io.streamlake.common.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads and writes Avro records in the AWS Glue Schema Registry wire format ({@link WireFormat}), a drop-in for
 * AWS's {@code com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter}: the same option names
 * ({@link GsrConverterConfig}), the same bytes. {@code toConnectData} takes the schema version id from each record,
 * fetches that version's Avro schema from Glue once ({@code GetSchemaVersion}, cached), and turns the record into
 * Connect data ({@link AvroToConnect}); {@code fromConnectData} derives the Avro schema of the Connect schema
 * ({@link ConnectToAvro}), finds or registers its version under {@code schemaName} (default: the topic) and frames
 * the Avro binary with it.
 */
public class GlueSchemaRegistryAvroConverter implements Converter, Versioned, AutoCloseable {

  private GlueSession session;
  private GsrConverterConfig config;
  private GlueSchemas registry;
  private AvroToConnect toConnect;
  private ConnectToAvro toAvro;
  private LruCache<UUID, ReadPlan> readPlans;
  private LruCache<Schema, WritePlan> writePlans;

  /** A schema version ready to read: its Avro schema, Connect schema and datum reader. */
  private record ReadPlan(org.apache.avro.Schema avro, Schema connect, GenericDatumReader<Object> reader) {}

  /** A Connect schema ready to write: its Avro schema, the definition sent to Glue, and the datum writer. */
  private record WritePlan(org.apache.avro.Schema avro, String definition, GenericDatumWriter<Object> writer) {}

  @Override
  public String version() {
    return Version.of(getClass());
  }

  @Override
  public ConfigDef config() {
    return GsrConverterConfig.CONFIG_DEF;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(GlueSession.open(DataFormat.AVRO, configs, isKey));
  }

  /** Test seam: a session on a given client and sleeper. */
  void configure(GlueSession opened) {
    close();
    this.session = opened;
    this.config = opened.config();
    this.registry = opened.registry();
    GsrConverterConfig parsed = config;
    this.toConnect = new AvroToConnect(parsed.connectSchemaCacheSize());
    this.toAvro = new ConnectToAvro(parsed.connectSchemaCacheSize());
    this.readPlans = new LruCache<>(parsed.cacheSize());
    this.writePlans = new LruCache<>(parsed.connectSchemaCacheSize());
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    WireFormat.Frame frame = WireFormat.decode(value);
    ReadPlan plan = readPlan(frame.schemaVersionId());
    Object avroValue;
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(frame.payload(), null);
      avroValue = plan.reader().read(null, decoder);
      if (!decoder.isEnd()) {
        throw new DataException("Glue Schema Registry record of schema version " + frame.schemaVersionId()
            + " on topic " + topic + " has bytes left after its Avro value: the payload does not match the schema");
      }
    } catch (IOException | AvroRuntimeException | ArrayIndexOutOfBoundsException | ClassCastException e) {
      throw new DataException("Glue Schema Registry record of schema version " + frame.schemaVersionId()
          + " on topic " + topic + " is not valid Avro for that schema: " + e, e);
    }
    return new SchemaAndValue(plan.connect(), toConnect.toConnectValue(plan.avro(), plan.connect(), avroValue));
  }

  private ReadPlan readPlan(UUID versionId) {
    ReadPlan plan = readPlans.get(versionId);
    if (plan == null) {
      org.apache.avro.Schema avro = parse(versionId, registry.definitionOf(versionId));
      Schema connect;
      try {
        connect = toConnect.toConnectSchema(avro);
      } catch (DataException e) {
        throw new DataException("Schema version id " + versionId + ": " + e.getMessage(), e);
      }
      plan = new ReadPlan(avro, connect, new GenericDatumReader<>(avro));
      readPlans.put(versionId, plan);
    }
    return plan;
  }

  private static org.apache.avro.Schema parse(UUID versionId, String definition) {
    try {
      return new org.apache.avro.Schema.Parser().parse(definition);
    } catch (SchemaParseException e) {
      throw new DataException("Schema version id " + versionId + " has a definition that is not an Avro schema: "
          + e.getMessage(), e);
    }
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema == null) {
      throw new DataException("The Glue Schema Registry converter needs a Connect schema to write a value of topic "
          + topic + " (got a " + value.getClass().getName() + " without one)");
    }
    ConnectToAvro.validate(schema, value);
    WritePlan plan = writePlan(schema);
    Object avroValue = toAvro.toAvroValue(schema, plan.avro(), value);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      plan.writer().write(avroValue, encoder);
      encoder.flush();
    } catch (IOException | AvroRuntimeException | ClassCastException e) {
      throw new DataException("Could not write a value of topic " + topic + " as Avro: " + e, e);
    }
    String schemaName = config.schemaName().orElse(topic);
    UUID versionId = registry.versionIdOf(schemaName, plan.definition());
    return WireFormat.encode(versionId, out.toByteArray(), config.compression());
  }

  private WritePlan writePlan(Schema schema) {
    WritePlan plan = writePlans.get(schema);
    if (plan == null) {
      org.apache.avro.Schema avro = toAvro.toAvroSchema(schema);
      plan = new WritePlan(avro, avro.toString(), new GenericDatumWriter<>(avro));
      writePlans.put(schema, plan);
    }
    return plan;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
