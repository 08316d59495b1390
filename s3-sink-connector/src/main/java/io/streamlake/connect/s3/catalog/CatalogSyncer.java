package io.streamlake.connect.s3.catalog;

import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryClassifier;
import io.streamlake.common.retry.RetryFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.GlueException;

/**
 * Keeps each topic's Glue table in step with the files of one task, off the task's thread.
 *
 * <p>The task reports every published file ({@link #filePublished}, after the file is durable in S3); a schema
 * already in the table costs a set lookup. A new one is queued, coalesced per topic, and one background thread
 * reads the table, merges ({@link TableEvolution}) and creates or updates it, so a slow or failing catalog never
 * holds up {@code put} or {@code preCommit}: data and offsets flow on, and the table catches up.
 *
 * <p>Races between tasks converge: every write is computed from the table just read, CreateTable that finds the
 * table created ({@code AlreadyExistsException}) and UpdateTable that finds it changed (its version moved:
 * {@code ConcurrentModificationException}) read again and merge again, and a table that already has every
 * column is not written. Transient failures (throttling, 5xx, timeouts, network errors, conflicts) are retried
 * with back-off, a WARN per retry, until they succeed or the retrier's deadline passes (topics share the thread,
 * so one topic's endless failure must not starve the others); that, other failures (access denied, no such
 * database) and incompatible schemas are logged as errors and counted in {@link CatalogMetrics}, and the table
 * is left as it was. A failed topic is tried again with its next file, at most once per {@code cooldownMs}.
 */
public final class CatalogSyncer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CatalogSyncer.class);
  /** Stands for "no value schema" in sets that do not take null. */
  private static final Schema SCHEMALESS = SchemaBuilder.struct().name("io.streamlake.schemaless").build();

  private final TableBuilder tables;
  private final CatalogStore store;
  private final Retrier retrier;
  private final LongSupplier clockMs;
  private final long cooldownMs;
  private final ExecutorService executor;
  private final CatalogMetrics metrics = new CatalogMetrics();

  private final Object lock = new Object();
  private final Map<String, Set<Schema>> pending = new LinkedHashMap<>();
  private boolean draining;
  private final Map<String, Set<Schema>> inTable = new ConcurrentHashMap<>();
  private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
  private final Set<String> reportedOutside = ConcurrentHashMap.newKeySet();

  public CatalogSyncer(TableBuilder tables, CatalogStore store, Retrier retrier, LongSupplier clockMs, long cooldownMs,
      String threadName) {
    this.tables = tables;
    this.store = store;
    this.retrier = retrier;
    this.clockMs = clockMs;
    this.cooldownMs = cooldownMs;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** What the syncer has done and what went wrong, for logs, tests and monitoring. */
  public CatalogMetrics metrics() {
    return metrics;
  }

  /**
   * A file of {@code topic} (its path topic) with values of {@code schema} (null: schemaless) is durable under
   * {@code encodedPartition}. Never blocks on the catalog and never throws.
   */
  public void filePublished(String topic, Schema schema, String encodedPartition) {
    if (!tables.layout().covers(encodedPartition)) {
      metrics.keysOutsideProjection.incrementAndGet();
      // once per partition path (bounded), not per file: every later file there is counted
      if (reportedOutside.size() < 1_000 && reportedOutside.add(topic + "/" + encodedPartition)) {
        log.error("A file of topic {} was written under {}, which the Athena partition projection of table {}.{} does"
          + " not generate, so Athena does not see it (glue.projection.kafka.partition.max, glue.projection.start,"
          + " path.format)", topic, encodedPartition, tables.database(), tables.tableName(topic));
      }
    }
    Schema key = schema == null ? SCHEMALESS : schema;
    Set<Schema> known = inTable.get(topic);
    if (known != null && known.contains(key)) {
      return;
    }
    Long failed = failedAt.get(topic);
    if (failed != null && clockMs.getAsLong() - failed < cooldownMs) {
      return;
    }
    synchronized (lock) {
      pending.computeIfAbsent(topic, t -> new LinkedHashSet<>()).add(key);
      metrics.pendingTopics.set(pending.size());
      if (!draining) {
        draining = true;
        executor.execute(this::drain);
      }
    }
  }

  /** Waits until every reported schema has been handled (tests, and a bounded wait when the task stops). */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (draining) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  private void drain() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Map<String, Set<Schema>> batch;
        synchronized (lock) {
          if (pending.isEmpty()) {
            return;
          }
          batch = new LinkedHashMap<>(pending);
          pending.clear();
          metrics.pendingTopics.set(0);
        }
        batch.forEach(this::syncGuarded);
      }
    } finally {
      // Also when the thread dies of an Error: the next reported file schedules a new round.
      synchronized (lock) {
        draining = false;
        metrics.pendingTopics.set(pending.size());
        lock.notifyAll();
      }
    }
  }

  /** One topic's sync; a bug or an unexpected failure in it costs that topic's round, not the thread. */
  private void syncGuarded(String topic, Set<Schema> queued) {
    try {
      sync(topic, queued);
    } catch (RuntimeException e) {
      metrics.failures.incrementAndGet();
      metrics.lastError.set(e.toString());
      failedAt.put(topic, clockMs.getAsLong());
      log.error("Glue table {}.{} of topic {} failed unexpectedly: {}. Data keeps flowing to S3; the table is tried"
          + " again with the topic's next file (at most every {} ms)", tables.database(), tables.tableName(topic),
          topic, e, cooldownMs, e);
    }
  }

  private void sync(String topic, Set<Schema> queued) {
    Set<Schema> known = inTable.getOrDefault(topic, Set.of());
    Set<Schema> schemas = new LinkedHashSet<>(queued);
    schemas.removeAll(known); // queued again while an earlier round put them in the table
    if (schemas.isEmpty()) {
      return;
    }
    String table = tables.database() + "." + tables.tableName(topic);
    Attempt attempt = attempt(topic, schemas, table);
    if (attempt.outcome() != Outcome.INCOMPATIBLE) {
      return;
    }
    if (schemas.size() == 1) {
      incompatible(topic, schemas, table, attempt.reason());
      return;
    }
    // Some schema of the batch clashes with the table or with another of the batch: apply them one at a time,
    // in order, so only the clashing ones are set aside and the others still reach the table.
    for (Schema schema : schemas) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      Attempt single = attempt(topic, Set.of(schema), table);
      if (single.outcome() == Outcome.INCOMPATIBLE) {
        incompatible(topic, Set.of(schema), table, single.reason());
      } else if (single.outcome() == Outcome.FAILED) {
        return; // reported and cooling down; the rest come again with the topic's next files
      }
    }
  }

  private enum Outcome { SYNCED, INCOMPATIBLE, FAILED }

  private record Attempt(Outcome outcome, String reason) {}

  /** Brings {@code schemas} into the table; failures other than incompatibility are reported here. */
  private Attempt attempt(String topic, Set<Schema> schemas, String table) {
    TableDefinition wanted;
    try {
      wanted = wanted(topic, schemas);
    } catch (CatalogException e) {
      return new Attempt(Outcome.INCOMPATIBLE, e.getMessage());
    }
    try {
      retrier.call("Glue table " + table, () -> {
        apply(wanted, table);
        return null;
      });
      inTable.computeIfAbsent(topic, t -> Collections.newSetFromMap(new ConcurrentHashMap<>())).addAll(schemas);
      failedAt.remove(topic);
      return new Attempt(Outcome.SYNCED, null);
    } catch (RetryFailure e) {
      if (e.reason() == RetryFailure.Reason.INTERRUPTED) {
        Thread.currentThread().interrupt();
        return new Attempt(Outcome.FAILED, e.getMessage());
      }
      if (e.getCause() instanceof CatalogException incompatible) {
        return new Attempt(Outcome.INCOMPATIBLE, incompatible.getMessage());
      }
      metrics.failures.incrementAndGet();
      metrics.lastError.set(e.getMessage());
      failedAt.put(topic, clockMs.getAsLong());
      log.error("Glue table {} was not created or updated for topic {}: {}. Data keeps flowing to S3; the table is"
          + " tried again with the topic's next file (at most every {} ms)", table, topic, e.getMessage(), cooldownMs);
      return new Attempt(Outcome.FAILED, e.getMessage());
    }
  }

  /** The table of all reported schemas, merged in order. */
  private TableDefinition wanted(String topic, Set<Schema> schemas) {
    TableDefinition merged = null;
    for (Schema schema : schemas) {
      TableDefinition next = tables.build(topic, schema == SCHEMALESS ? null : schema);
      if (merged == null) {
        merged = next;
        continue;
      }
      TableEvolution.Outcome outcome = TableEvolution.merge(merged, next);
      if (outcome instanceof TableEvolution.Incompatible incompatible) {
        throw new CatalogException(incompatible.reason());
      }
      if (outcome instanceof TableEvolution.Changed changed) {
        merged = changed.table();
      }
    }
    return merged;
  }

  /** One attempt: read, then create or merge-and-update; a lost race is a transient {@link CatalogStore.Conflict}. */
  private void apply(TableDefinition wanted, String table) {
    Optional<TableDefinition> existing = store.get(wanted.database(), wanted.name());
    if (existing.isEmpty()) {
      store.create(wanted);
      metrics.tablesCreated.incrementAndGet();
      log.info("Created Glue table {} at {} with {} columns and partition keys {}", table, wanted.location(),
          wanted.columns().size(), wanted.partitionKeys());
      return;
    }
    TableEvolution.Outcome outcome = TableEvolution.merge(existing.get(), wanted);
    if (outcome instanceof TableEvolution.Incompatible incompatible) {
      throw new CatalogException(incompatible.reason());
    }
    if (outcome instanceof TableEvolution.Changed changed) {
      store.update(changed.table(), existing.get().versionId());
      metrics.tablesUpdated.incrementAndGet();
      log.info("Updated Glue table {}: added columns {}", table, changed.added());
    }
  }

  private void incompatible(String topic, Set<Schema> schemas, String table, String reason) {
    metrics.incompatibleSchemas.incrementAndGet();
    metrics.lastError.set(reason);
    // The same schema would fail the same way: remember it as handled, so it is reported once.
    inTable.computeIfAbsent(topic, t -> Collections.newSetFromMap(new ConcurrentHashMap<>())).addAll(schemas);
    log.error("Glue table {} left unchanged for topic {}: {}", table, topic, reason);
  }

  /** Stops the thread; an unfinished catalog update is dropped (the next task repeats it with its next file). */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("The Glue catalog thread did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Transient: throttling, server errors, timeouts, network failures and lost races. Not transient: access
   * denied, missing database, invalid input, incompatible schemas.
   */
  public static RetryClassifier classifier() {
    return new RetryClassifier() {
      @Override
      public boolean isTransient(Throwable failure) {
        if (failure instanceof CatalogStore.Conflict) {
          return true;
        }
        if (failure instanceof GlueException glue) {
          String code = glue.awsErrorDetails() == null ? "" : String.valueOf(glue.awsErrorDetails().errorCode());
          return glue.statusCode() >= 500 || glue.statusCode() == 429 || glue.isThrottlingException()
              || THROTTLING.contains(code);
        }
        return failure instanceof SdkClientException;
      }
    };
  }

  private static final Set<String> THROTTLING = new HashSet<>(List.of("ThrottlingException",
      "ConcurrentModificationException", "InternalServiceException", "OperationTimeoutException",
      "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException"));

  /** For tests: topics whose schemas are all known to be in their table. */
  List<String> syncedTopics() {
    return new ArrayList<>(inTable.keySet());
  }
}
