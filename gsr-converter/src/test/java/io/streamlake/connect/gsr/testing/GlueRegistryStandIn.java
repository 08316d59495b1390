package io.streamlake.connect.gsr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlake.testsupport.AwsJsonStandIn;
import io.streamlake.testsupport.AwsJsonStandIn.AwsError;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in, for tests only, for the AWS Glue Schema Registry: the four Glue operations the converter calls
 * ({@code GetSchemaVersion}, {@code GetSchemaByDefinition}, {@code RegisterSchemaVersion}, {@code CreateSchema})
 * answered over AWS JSON 1.1 by {@link AwsJsonStandIn} on 127.0.0.1, with schemas kept in memory. Definitions are
 * compared as exact strings (Glue normalises them; each converter always sends the same text for the same schema:
 * Avro's {@code Schema.toString()}, or the compact JSON of the JSON Schema converter).
 * Registry {@code default-registry} exists from the start. Not-found answers carry Glue's messages.
 */
public final class GlueRegistryStandIn implements AutoCloseable {

  /** One schema version as the stand-in holds it. */
  public record Version(UUID id, String registry, String schemaName, int number, String definition,
      String dataFormat) {}

  private final AwsJsonStandIn server;
  private final Set<String> registries = ConcurrentHashMap.newKeySet();
  private final Map<UUID, Version> versions = new ConcurrentHashMap<>();
  private final Map<String, List<UUID>> schemas = new LinkedHashMap<>();
  private final Map<UUID, Integer> pendingReads = new ConcurrentHashMap<>();
  private volatile int pendingReadsForNewVersions;

  private GlueRegistryStandIn(AwsJsonStandIn server) {
    this.server = server;
    registries.add("default-registry");
    server.on("AWSGlue.GetSchemaVersion", this::getSchemaVersion);
    server.on("AWSGlue.GetSchemaByDefinition", this::getSchemaByDefinition);
    server.on("AWSGlue.RegisterSchemaVersion", this::registerSchemaVersion);
    server.on("AWSGlue.CreateSchema", this::createSchema);
  }

  public static GlueRegistryStandIn start() {
    return new GlueRegistryStandIn(AwsJsonStandIn.start("Glue Schema Registry"));
  }

  /** The HTTP stand-in: recorded calls, scripted failures. */
  public AwsJsonStandIn server() {
    return server;
  }

  public URI endpoint() {
    return server.endpoint();
  }

  public void createRegistry(String name) {
    registries.add(name);
  }

  /** Puts a version with a given id (as AWS's serializer's records name it); creates its schema if needed. */
  public synchronized Version put(UUID id, String registry, String schemaName, String definition, String dataFormat) {
    registries.add(registry);
    List<UUID> ids = schemas.computeIfAbsent(registry + "/" + schemaName, k -> new ArrayList<>());
    Version version = new Version(id, registry, schemaName, ids.size() + 1, definition, dataFormat);
    ids.add(id);
    versions.put(id, version);
    return version;
  }

  /** Registers a definition under a new random id. */
  public Version register(String registry, String schemaName, String definition) {
    return put(UUID.randomUUID(), registry, schemaName, definition, "AVRO");
  }

  /** Versions registered from now on answer PENDING to the next {@code reads} GetSchemaVersion calls. */
  public void newVersionsPendingFor(int reads) {
    pendingReadsForNewVersions = reads;
  }

  public synchronized List<Version> versionsOf(String registry, String schemaName) {
    return schemas.getOrDefault(registry + "/" + schemaName, List.of()).stream().map(versions::get).toList();
  }

  private Object getSchemaVersion(JsonNode request) {
    String id = request.path("SchemaVersionId").asText();
    Version version;
    try {
      version = versions.get(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      throw new AwsError(400, "InvalidInputException", "SchemaVersionId is not a UUID");
    }
    if (version == null) {
      throw AwsJsonStandIn.notFound("EntityNotFoundException", "Schema version is not found.");
    }
    String status = "AVAILABLE";
    Integer pending = pendingReads.get(version.id());
    if (pending != null && pending > 0) {
      pendingReads.put(version.id(), pending - 1);
      status = "PENDING";
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("SchemaVersionId", version.id().toString());
    answer.put("SchemaDefinition", version.definition());
    answer.put("DataFormat", version.dataFormat());
    answer.put("SchemaArn", arn(version.registry(), version.schemaName()));
    answer.put("VersionNumber", version.number());
    answer.put("Status", status);
    return answer;
  }

  private synchronized Object getSchemaByDefinition(JsonNode request) {
    String registry = request.path("SchemaId").path("RegistryName").asText("default-registry");
    String name = request.path("SchemaId").path("SchemaName").asText();
    String definition = request.path("SchemaDefinition").asText();
    List<UUID> ids = schemas.get(registry + "/" + name);
    if (ids == null) {
      throw AwsJsonStandIn.notFound("EntityNotFoundException", "Schema is not found.");
    }
    for (UUID id : ids) {
      Version version = versions.get(id);
      if (version.definition().equals(definition)) {
        return Map.of("SchemaVersionId", id.toString(), "SchemaArn", arn(registry, name),
            "DataFormat", version.dataFormat(), "Status", "AVAILABLE");
      }
    }
    throw AwsJsonStandIn.notFound("EntityNotFoundException", "Schema version is not found.");
  }

  private synchronized Object registerSchemaVersion(JsonNode request) {
    String registry = request.path("SchemaId").path("RegistryName").asText("default-registry");
    String name = request.path("SchemaId").path("SchemaName").asText();
    String definition = request.path("SchemaDefinition").asText();
    List<UUID> ids = schemas.get(registry + "/" + name);
    if (ids == null) {
      throw AwsJsonStandIn.notFound("EntityNotFoundException", "Schema is not found.");
    }
    for (UUID id : new HashSet<>(ids)) {
      if (versions.get(id).definition().equals(definition)) {
        return Map.of("SchemaVersionId", id.toString(), "VersionNumber", versions.get(id).number(),
            "Status", "AVAILABLE");
      }
    }
    // a new version keeps its schema's data format
    Version version = put(UUID.randomUUID(), registry, name, definition, versions.get(ids.get(0)).dataFormat());
    return Map.of("SchemaVersionId", version.id().toString(), "VersionNumber", version.number(),
        "Status", markPending(version));
  }

  private synchronized Object createSchema(JsonNode request) {
    String registry = request.path("RegistryId").path("RegistryName").asText("default-registry");
    String name = request.path("SchemaName").asText();
    if (!registries.contains(registry)) {
      throw AwsJsonStandIn.notFound("EntityNotFoundException", "Registry is not found.");
    }
    if (schemas.containsKey(registry + "/" + name)) {
      throw new AwsError(400, "AlreadyExistsException", "Schema already exists.");
    }
    Version version = put(UUID.randomUUID(), registry, name, request.path("SchemaDefinition").asText(),
        request.path("DataFormat").asText("AVRO"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("RegistryName", registry);
    answer.put("SchemaName", name);
    answer.put("SchemaArn", arn(registry, name));
    answer.put("DataFormat", version.dataFormat());
    answer.put("Compatibility", request.path("Compatibility").asText("BACKWARD"));
    answer.put("SchemaVersionId", version.id().toString());
    answer.put("SchemaVersionStatus", markPending(version));
    return answer;
  }

  private String markPending(Version version) {
    if (pendingReadsForNewVersions > 0) {
      pendingReads.put(version.id(), pendingReadsForNewVersions);
      return "PENDING";
    }
    return "AVAILABLE";
  }

  private static String arn(String registry, String name) {
    return "arn:aws:glue:us-east-1:123456789012:schema/" + registry + "/" + name;
  }

  @Override
  public void close() {
    server.close();
  }
}
