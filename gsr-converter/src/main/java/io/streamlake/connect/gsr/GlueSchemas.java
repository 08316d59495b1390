package io.streamlake.connect.gsr;

import io.streamlake.common.LruCache;
import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryFailure;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.CreateSchemaResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetSchemaByDefinitionResponse;
import software.amazon.awssdk.services.glue.model.GetSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.RegisterSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.SchemaId;

/**
 * The converter's view of the Glue Schema Registry: the definition of a schema version id (read path; each
 * version fetched once, then cached, since a version never changes), and the schema version id of a definition
 * under a schema name (write path; looked up with GetSchemaByDefinition, registered when allowed, cached for
 * {@code timeToLiveMillis}). One instance serves one data format (the converter's): a version of another format is
 * bad data, and schemas are created with that format. Every Glue call goes through the {@link Retrier}; what the
 * registry says about the data (no such version, another data format, an incompatible new version) is a {@link DataException}, an outage that
 * outlasts the retries a {@link RetriableException}, and any other refusal (access denied) a
 * {@link ConnectException}, each naming the schema version id or schema.
 */
final class GlueSchemas {

  private static final Logger LOG = LoggerFactory.getLogger(GlueSchemas.class);
  private static final String AVAILABLE = "AVAILABLE";
  private static final String PENDING = "PENDING";

  private record Registered(UUID id, long expiresAtMs) {}

  private final GlueClient glue;
  private final Retrier retrier;
  private final LongSupplier clockMs;
  private final String registryName;
  private final boolean autoRegistration;
  private final Compatibility compatibility;
  private final String description;
  private final long ttlMs;
  private final DataFormat format;
  private final LruCache<UUID, String> versions;
  private final LruCache<String, Registered> definitions;

  GlueSchemas(GlueClient glue, Retrier retrier, LongSupplier clockMs, GsrConverterConfig config) {
    this.glue = glue;
    this.retrier = retrier;
    this.clockMs = clockMs;
    this.registryName = config.registryName();
    this.autoRegistration = config.autoRegistration();
    this.compatibility = config.compatibility();
    this.description = config.description().orElse(null);
    this.ttlMs = config.definitionTtl().toMillis();
    this.format = config.dataFormat();
    this.versions = new LruCache<>(config.cacheSize());
    this.definitions = new LruCache<>(config.cacheSize());
  }

  /** The definition of a schema version id, from the cache or with one GetSchemaVersion; checked to be our format. */
  String definitionOf(UUID versionId) {
    String cached = versions.get(versionId);
    if (cached != null) {
      return cached;
    }
    String id = versionId.toString();
    GetSchemaVersionResponse response = call("GetSchemaVersion", "schema version id " + id,
        () -> glue.getSchemaVersion(r -> r.schemaVersionId(id)));
    if (response.dataFormatAsString() != null && !format.wireName().equals(response.dataFormatAsString())) {
      throw new DataException("Schema version id " + id + " has data format " + response.dataFormatAsString()
          + "; this converter reads " + format.wireName() + " only");
    }
    String definition = response.schemaDefinition();
    if (definition == null) {
      throw new DataException("Schema version id " + id + " has no definition in Glue's answer");
    }
    LOG.info("Read schema version id {} (schema {}, version {}) from Glue registry {}", id,
        response.schemaArn(), response.versionNumber(), registryName);
    versions.put(versionId, definition);
    return definition;
  }

  /** The schema version id of {@code definition} under {@code schemaName}, registering it when allowed. */
  UUID versionIdOf(String schemaName, String definition) {
    String key = schemaName + '\n' + definition;
    Registered cached = definitions.get(key);
    long now = clockMs.getAsLong();
    if (cached != null && now < cached.expiresAtMs()) {
      return cached.id();
    }
    UUID id = lookUpOrRegister(schemaName, definition);
    definitions.put(key, new Registered(id, ttlMs > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ttlMs));
    return id;
  }

  private UUID lookUpOrRegister(String schemaName, String definition) {
    SchemaId schemaId = SchemaId.builder().registryName(registryName).schemaName(schemaName).build();
    String what = "schema " + schemaName + " in registry " + registryName;
    try {
      GetSchemaByDefinitionResponse found = callOrNotFound("GetSchemaByDefinition", what,
          () -> glue.getSchemaByDefinition(r -> r.schemaId(schemaId).schemaDefinition(definition)));
      return available(found.schemaVersionId(), found.statusAsString(), what);
    } catch (NotFound notFound) {
      if (!autoRegistration) {
        throw new DataException("The definition of this record's schema is not registered as a version of " + what
            + ", and " + GsrConverterConfig.AUTO_REGISTRATION_CONFIG + " is false");
      }
    }
    try {
      RegisterSchemaVersionResponse registered = callOrNotFound("RegisterSchemaVersion", what,
          () -> glue.registerSchemaVersion(r -> r.schemaId(schemaId).schemaDefinition(definition)));
      LOG.info("Registered version {} ({}) of {}", registered.versionNumber(), registered.schemaVersionId(), what);
      return available(registered.schemaVersionId(), registered.statusAsString(), what);
    } catch (NotFound notFound) {
      return create(schemaName, definition, schemaId, what);
    }
  }

  private UUID create(String schemaName, String definition, SchemaId schemaId, String what) {
    try {
      CreateSchemaResponse created = callOrNotFound("CreateSchema", what, () -> glue.createSchema(r -> r
          .registryId(id -> id.registryName(registryName))
          .schemaName(schemaName)
          .dataFormat(format.wireName())
          .compatibility(compatibility.toGlue())
          .description(description)
          .schemaDefinition(definition)));
      LOG.info("Created {} with compatibility {} (first version {})", what, compatibility.wireName(),
          created.schemaVersionId());
      return available(created.schemaVersionId(), created.schemaVersionStatusAsString(), what);
    } catch (NotFound registryMissing) {
      throw new ConnectException("Registry " + registryName + " does not exist (CreateSchema of " + what
          + " answered EntityNotFound): create it, or set " + GsrConverterConfig.REGISTRY_NAME_CONFIG,
          registryMissing.getCause());
    } catch (RetryFailure raced) {
      if (raced.getCause() instanceof AlreadyExistsException) {
        // another task created it between our RegisterSchemaVersion and CreateSchema
        RegisterSchemaVersionResponse registered = call("RegisterSchemaVersion", what,
            () -> glue.registerSchemaVersion(r -> r.schemaId(schemaId).schemaDefinition(definition)));
        return available(registered.schemaVersionId(), registered.statusAsString(), what);
      }
      throw failure("CreateSchema", what, raced);
    }
  }

  /** The id once the version is AVAILABLE: PENDING is polled through the retrier; FAILURE is bad data. */
  private UUID available(String versionId, String status, String what) {
    String current = status;
    if (PENDING.equals(current)) {
      current = call("GetSchemaVersion", "schema version id " + versionId, () -> {
        GetSchemaVersionResponse polled = glue.getSchemaVersion(r -> r.schemaVersionId(versionId));
        if (PENDING.equals(polled.statusAsString())) {
          throw new GlueErrors.StillPending(versionId);
        }
        return polled;
      }).statusAsString();
    }
    if (!AVAILABLE.equals(current)) {
      throw new DataException("Schema version id " + versionId + " of " + what + " is " + current + ", not"
          + " AVAILABLE (a version that fails the schema's compatibility check ends as FAILURE)");
    }
    return UUID.fromString(versionId);
  }

  /** EntityNotFound, which the caller handles. */
  private static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(Throwable cause) {
      super(cause);
    }
  }

  private <T> T callOrNotFound(String operation, String what, Supplier<T> call) throws NotFound {
    try {
      return retrier.call("Glue " + operation + " of " + what, call);
    } catch (RetryFailure failure) {
      if (failure.getCause() instanceof EntityNotFoundException) {
        throw new NotFound(failure.getCause());
      }
      if (failure.getCause() instanceof AlreadyExistsException) {
        throw failure;
      }
      throw failure(operation, what, failure);
    }
  }

  private <T> T call(String operation, String what, Supplier<T> call) {
    try {
      return retrier.call("Glue " + operation + " of " + what, call);
    } catch (RetryFailure failure) {
      if (failure.getCause() instanceof EntityNotFoundException) {
        throw new DataException("Glue " + operation + ": " + what + " does not exist in the Glue Schema Registry ("
            + failure.causeText() + ")", failure);
      }
      throw failure(operation, what, failure);
    }
  }

  private static RuntimeException failure(String operation, String what, RetryFailure failure) {
    String message = "Glue " + operation + " of " + what + " failed after " + failure.attempts() + " attempt"
        + (failure.attempts() == 1 ? "" : "s") + ": " + failure.causeText();
    return failure.reason() == RetryFailure.Reason.NOT_TRANSIENT ? new ConnectException(message, failure)
        : new RetriableException(message, failure);
  }
}
