package io.streamlake.connect.gsr;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * AWS's {@code dataFormat} option. This converter reads and writes Avro only; JSON and PROTOBUF are AWS data
 * formats it does not implement, so they are not accepted (a ConfigException lists what is).
 */
public enum DataFormat implements Choice {
  AVRO("AVRO");

  private final Spelling spelling;

  DataFormat(String wireName) {
    this.spelling = Spelling.of(wireName);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
