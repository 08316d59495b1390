package io.streamlake.connect.s3.catalog;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of one task's catalog syncer. Connect 3.7 (MSK Connect) gives plugins no metrics registry, so the
 * task logs them when it stops and the syncer logs every change and failure as it happens.
 */
public final class CatalogMetrics {

  final AtomicLong tablesCreated = new AtomicLong();
  final AtomicLong tablesUpdated = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong incompatibleSchemas = new AtomicLong();
  final AtomicLong keysOutsideProjection = new AtomicLong();
  final AtomicInteger pendingTopics = new AtomicInteger();
  final AtomicReference<String> lastError = new AtomicReference<>("");

  public long tablesCreated() {
    return tablesCreated.get();
  }

  public long tablesUpdated() {
    return tablesUpdated.get();
  }

  /** Catalog updates given up after a non-transient failure (access denied, missing database, ...). */
  public long failures() {
    return failures.get();
  }

  /** Schemas the table could not take (a changed column type, other partition keys, ...). */
  public long incompatibleSchemas() {
    return incompatibleSchemas.get();
  }

  /** Files written under a partition the projection does not generate (invisible to Athena). */
  public long keysOutsideProjection() {
    return keysOutsideProjection.get();
  }

  public int pendingTopics() {
    return pendingTopics.get();
  }

  public String lastError() {
    return lastError.get();
  }

  @Override
  public String toString() {
    return "tablesCreated=" + tablesCreated + " tablesUpdated=" + tablesUpdated + " failures=" + failures
        + " incompatibleSchemas=" + incompatibleSchemas + " keysOutsideProjection=" + keysOutsideProjection
        + " pendingTopics=" + pendingTopics;
  }
}
