package io.streamlake.connect.s3.catalog;

import java.util.Optional;

/** The three catalog calls the sink makes. Implementations throw {@link Conflict} when another writer won a race. */
public interface CatalogStore {

  /** The table, with its version, or empty when it does not exist. */
  Optional<TableDefinition> get(String database, String name);

  /** Creates the table; {@link Conflict} when it exists already. */
  void create(TableDefinition table);

  /** Replaces the table if it is still at {@code versionId}; {@link Conflict} when it changed meanwhile. */
  void update(TableDefinition table, String versionId);

  /** Another writer created or changed the table first: read it again and merge. */
  final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Conflict(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
