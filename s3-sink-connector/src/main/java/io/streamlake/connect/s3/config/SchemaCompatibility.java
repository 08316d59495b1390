package io.streamlake.connect.s3.config;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * Values of {@code schema.compatibility}: what a record whose schema differs from the open file's does.
 *
 * <p>{@code NONE} cuts on every schema change. The others cut only when the record cannot be written
 * with the open file's schema: a record with an older, projectable schema (every field it has exists in
 * the file schema, every field it lacks is optional there) is projected into the open file instead of
 * starting a new one. That avoids the small-file storm when producers interleave two schema versions.
 */
public enum SchemaCompatibility implements Choice {
  NONE("NONE"),
  BACKWARD("BACKWARD"),
  FORWARD("FORWARD"),
  FULL("FULL");

  private final Spelling spelling;

  SchemaCompatibility(String wireName, String... aliases) {
    this.spelling = Spelling.of(wireName, aliases);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
