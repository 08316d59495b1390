package io.streamlake.connect.cdc.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code delete.tombstone.handling.mode}, Debezium's current delete/tombstone option. */
public enum DeleteTombstoneHandling implements Choice {
  /** Drop delete events and tombstones. */
  DROP("drop"),
  /** Turn a delete event into a record with a null value; drop tombstones. The default. */
  TOMBSTONE("tombstone"),
  /** Emit the {@code before} row of a delete with {@code __deleted=true}; drop tombstones. */
  REWRITE("rewrite"),
  /** Like {@code rewrite}, but keep tombstones. */
  REWRITE_WITH_TOMBSTONE("rewrite-with-tombstone"),
  /** Turn a delete event into a true tombstone (null value and null value schema); drop tombstones. */
  DELETE_TO_TOMBSTONE("delete-to-tombstone");

  private final Spelling spelling;

  DeleteTombstoneHandling(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
