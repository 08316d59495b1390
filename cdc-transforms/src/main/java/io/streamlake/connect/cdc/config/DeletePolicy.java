package io.streamlake.connect.cdc.config;

/**
 * What the unwrap SMT does with tombstones and delete events, resolved from either the current option or
 * the legacy pair.
 *
 * @param keepTombstones pass incoming tombstones (null value) on instead of dropping them
 * @param onDelete what a delete event becomes
 * @param rewrite whether rows carry the {@code __deleted} flag
 */
public record DeletePolicy(boolean keepTombstones, OnDelete onDelete, boolean rewrite) {

  /** What a delete event (after is null, before is not) turns into. */
  public enum OnDelete {
    /** Nothing: the event is dropped. */
    DROP,
    /** A record with a null value whose value schema is the row schema (Debezium's "tombstone"/"none"). */
    NULL_VALUE,
    /** A record with null value and null value schema. */
    TOMBSTONE,
    /** The {@code before} row with {@code __deleted} set. */
    REWRITE
  }

  /** The policy for a {@code delete.tombstone.handling.mode} value. */
  public static DeletePolicy of(DeleteTombstoneHandling mode) {
    return switch (mode) {
      case DROP -> new DeletePolicy(false, OnDelete.DROP, false);
      case TOMBSTONE -> new DeletePolicy(false, OnDelete.NULL_VALUE, false);
      case REWRITE -> new DeletePolicy(false, OnDelete.REWRITE, true);
      case REWRITE_WITH_TOMBSTONE -> new DeletePolicy(true, OnDelete.REWRITE, true);
      case DELETE_TO_TOMBSTONE -> new DeletePolicy(false, OnDelete.TOMBSTONE, false);
    };
  }

  /** The policy for the legacy {@code drop.tombstones} and {@code delete.handling.mode} pair. */
  public static DeletePolicy ofLegacy(boolean dropTombstones, LegacyDeleteHandling mode) {
    return switch (mode) {
      case DROP -> new DeletePolicy(!dropTombstones, OnDelete.DROP, false);
      case NONE -> new DeletePolicy(!dropTombstones, OnDelete.NULL_VALUE, false);
      case REWRITE -> new DeletePolicy(!dropTombstones, OnDelete.REWRITE, true);
    };
  }
}
