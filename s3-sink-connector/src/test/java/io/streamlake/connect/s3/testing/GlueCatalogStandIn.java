package io.streamlake.connect.s3.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlake.testsupport.AwsJsonStandIn;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A stand-in for the Glue Data Catalog's table store, for tests only: an in-memory map of tables behind an
 * {@link AwsJsonStandIn} (AWS JSON 1.1 on 127.0.0.1) answering {@code AWSGlue.GetTable}, {@code CreateTable}
 * and {@code UpdateTable} as Glue does: {@code EntityNotFoundException} for a missing database or table,
 * {@code AlreadyExistsException} on a second create, a {@code VersionId} that grows with every update and
 * {@code ConcurrentModificationException} when an update names an older one. It checks none of Glue's other
 * rules (name lengths, type syntax).
 */
public final class GlueCatalogStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsJsonStandIn server = AwsJsonStandIn.start("Glue");
  private final Set<String> databases = ConcurrentHashMap.newKeySet();
  private final Map<String, ObjectNode> tables = new ConcurrentHashMap<>();
  private volatile Consumer<String> beforeUpdate = target -> { };
  private volatile Consumer<String> beforeCreate = target -> { };

  public GlueCatalogStandIn(String... databaseNames) {
    databases.addAll(List.of(databaseNames));
    server.on("AWSGlue.GetTable", this::getTable);
    server.on("AWSGlue.CreateTable", this::createTable);
    server.on("AWSGlue.UpdateTable", this::updateTable);
  }

  public URI endpoint() {
    return server.endpoint();
  }

  public AwsJsonStandIn server() {
    return server;
  }

  /** Runs before each UpdateTable is applied (a test changes the table meanwhile to simulate another writer). */
  public void beforeUpdate(Consumer<String> hook) {
    this.beforeUpdate = hook;
  }

  /** Runs before each CreateTable is applied (a test creates the table meanwhile to simulate another writer). */
  public void beforeCreate(Consumer<String> hook) {
    this.beforeCreate = hook;
  }

  /** The stored table as Glue would return it in GetTable's {@code Table}. */
  public Optional<JsonNode> table(String database, String name) {
    return Optional.ofNullable(tables.get(database + "." + name));
  }

  /** Puts a table as another writer would (CreateTable's TableInput shape). */
  public synchronized void put(String database, JsonNode tableInput) {
    String key = database + "." + tableInput.get("Name").asText();
    ObjectNode previous = tables.get(key);
    int version = previous == null ? 1 : previous.get("VersionId").asInt() + 1;
    tables.put(key, stored(database, tableInput, version));
  }

  private synchronized Object getTable(JsonNode request) {
    String database = request.path("DatabaseName").asText();
    requireDatabase(database);
    ObjectNode table = tables.get(database + "." + request.path("Name").asText());
    if (table == null) {
      throw AwsJsonStandIn.notFound("EntityNotFoundException", "Table " + request.path("Name").asText()
          + " not found.");
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("Table", table.deepCopy());
    return answer;
  }

  private Object createTable(JsonNode request) {
    String database = request.path("DatabaseName").asText();
    JsonNode input = request.path("TableInput");
    beforeCreate.accept(database + "." + input.path("Name").asText());
    return create(database, input);
  }

  private synchronized Object create(String database, JsonNode input) {
    requireDatabase(database);
    String key = database + "." + input.path("Name").asText();
    if (tables.containsKey(key)) {
      throw new AwsJsonStandIn.AwsError(400, "AlreadyExistsException", "Table already exists.");
    }
    tables.put(key, stored(database, input, 1));
    return JSON.createObjectNode();
  }

  private Object updateTable(JsonNode request) {
    String database = request.path("DatabaseName").asText();
    JsonNode input = request.path("TableInput");
    beforeUpdate.accept(database + "." + input.path("Name").asText());
    synchronized (this) {
      requireDatabase(database);
      String key = database + "." + input.path("Name").asText();
      ObjectNode table = tables.get(key);
      if (table == null) {
        throw AwsJsonStandIn.notFound("EntityNotFoundException", "Table " + input.path("Name").asText()
            + " not found.");
      }
      int version = table.get("VersionId").asInt();
      if (request.hasNonNull("VersionId") && request.get("VersionId").asInt() != version) {
        throw new AwsJsonStandIn.AwsError(400, "ConcurrentModificationException", "Version " + request.get("VersionId")
            .asText() + " is not the latest version " + version + ".");
      }
      tables.put(key, stored(database, input, version + 1));
      return JSON.createObjectNode();
    }
  }

  private void requireDatabase(String database) {
    if (!databases.contains(database)) {
      throw AwsJsonStandIn.notFound("EntityNotFoundException", "Database " + database + " not found.");
    }
  }

  private static ObjectNode stored(String database, JsonNode input, int version) {
    ObjectNode table = input.deepCopy();
    table.put("DatabaseName", database);
    table.put("VersionId", Integer.toString(version));
    return table;
  }

  @Override
  public void close() {
    server.close();
  }
}
