package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** Values of {@code behavior.on.null.values}: what a record with a null value (a tombstone) does. */
public enum NullValueBehavior implements Choice {
  /** Fail the record: it goes to the errant-record reporter, or fails the task with {@code errors.tolerance=none}. */
  FAIL("fail"),
  /** Skip it; its offset is still committed. */
  IGNORE("ignore"),
  /** Write it: a {@code null} line in JSON; a row of nulls is not possible in Parquet/Avro, so JSON only. */
  WRITE("write");

  private final Spelling spelling;

  NullValueBehavior(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
