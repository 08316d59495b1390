package io.streamlake.connect.s3.config;

/** Values of {@code behavior.on.null.values}: what a record with a null value (a tombstone) does. */
public enum NullValueBehavior implements Choice {
  /** Fail the record: it goes to the errant-record reporter, or fails the task with {@code errors.tolerance=none}. */
  FAIL,
  /** Skip it; its offset is still committed. */
  IGNORE,
  /** Write it: a {@code null} line in JSON; a row of nulls is not possible in Parquet/Avro, so JSON only. */
  WRITE;

  @Override
  public String wireName() {
    return Choices.lower(this);
  }
}
