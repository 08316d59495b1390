package io.streamlake.connect.s3.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

/** {@link CatalogStore} on the Glue Data Catalog: GetTable, CreateTable, UpdateTable (conditional on the version). */
public final class GlueCatalogStore implements CatalogStore {

  private final GlueClient glue;
  private final String catalogId;

  /** @param catalogId the catalog's account id, or null/empty for the caller's account */
  public GlueCatalogStore(GlueClient glue, String catalogId) {
    this.glue = glue;
    this.catalogId = catalogId == null || catalogId.isBlank() ? null : catalogId;
  }

  @Override
  public Optional<TableDefinition> get(String database, String name) {
    try {
      Table table = glue.getTable(GetTableRequest.builder().catalogId(catalogId).databaseName(database).name(name)
          .build()).table();
      return Optional.of(fromGlue(database, table));
    } catch (EntityNotFoundException e) {
      if (e.getMessage() != null && e.getMessage().toLowerCase().contains("database")
          && !e.getMessage().toLowerCase().contains("table")) {
        throw e; // the database is missing: nothing to create the table in
      }
      return Optional.empty();
    }
  }

  @Override
  public void create(TableDefinition table) {
    try {
      glue.createTable(CreateTableRequest.builder().catalogId(catalogId).databaseName(table.database())
          .tableInput(toGlue(table)).build());
    } catch (AlreadyExistsException e) {
      throw new Conflict("Glue table " + table.database() + "." + table.name() + " was created by another writer", e);
    }
  }

  @Override
  public void update(TableDefinition table, String versionId) {
    try {
      glue.updateTable(UpdateTableRequest.builder().catalogId(catalogId).databaseName(table.database())
          .tableInput(toGlue(table)).versionId(versionId).build());
    } catch (ConcurrentModificationException e) {
      throw new Conflict("Glue table " + table.database() + "." + table.name() + " was changed by another writer"
          + " since version " + versionId, e);
    }
  }

  /** The Glue {@code TableInput} of a table. */
  public static TableInput toGlue(TableDefinition table) {
    return TableInput.builder()
        .name(table.name())
        .tableType("EXTERNAL_TABLE")
        .parameters(table.parameters())
        .partitionKeys(columns(table.partitionKeys()))
        .storageDescriptor(StorageDescriptor.builder()
            .columns(columns(table.columns()))
            .location(table.location())
            .inputFormat(table.serde().inputFormat())
            .outputFormat(table.serde().outputFormat())
            .serdeInfo(SerDeInfo.builder().serializationLibrary(table.serde().library())
                .parameters(table.serde().parameters()).build())
            .build())
        .build();
  }

  static TableDefinition fromGlue(String database, Table table) {
    StorageDescriptor sd = table.storageDescriptor();
    SerDeInfo serde = sd == null ? null : sd.serdeInfo();
    return new TableDefinition(database, table.name(), sd == null || sd.location() == null ? "" : sd.location(),
        sd == null ? List.of() : hive(sd.columns()), hive(table.partitionKeys()),
        new TableDefinition.SerDe(serde == null || serde.serializationLibrary() == null ? ""
            : serde.serializationLibrary(), serde == null ? Map.of() : new LinkedHashMap<>(serde.parameters()),
            sd == null || sd.inputFormat() == null ? "" : sd.inputFormat(),
            sd == null || sd.outputFormat() == null ? "" : sd.outputFormat()),
        new LinkedHashMap<>(table.parameters()), table.versionId());
  }

  private static List<Column> columns(List<HiveColumn> columns) {
    return columns.stream().map(c -> Column.builder().name(c.name()).type(c.type()).build()).toList();
  }

  private static List<HiveColumn> hive(List<Column> columns) {
    return columns.stream().map(c -> new HiveColumn(c.name(), c.type())).toList();
  }
}
