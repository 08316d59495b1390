package io.streamlake.connect.gsr;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * AWS's {@code avroRecordType}: which Avro classes AWS's deserializer builds before its converter turns them into
 * Connect data. Both end as the same Connect data, so both are accepted; this converter always decodes generically
 * (no generated classes are needed on the worker).
 */
public enum AvroRecordType implements Choice {
  GENERIC_RECORD("GENERIC_RECORD"),
  SPECIFIC_RECORD("SPECIFIC_RECORD");

  private final Spelling spelling;

  AvroRecordType(String wireName) {
    this.spelling = Spelling.of(wireName);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
