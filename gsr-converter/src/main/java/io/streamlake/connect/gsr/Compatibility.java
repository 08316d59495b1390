package io.streamlake.connect.gsr;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/** AWS's {@code compatibility}: the compatibility mode of a schema this converter creates in Glue. */
public enum Compatibility implements Choice {
  NONE("NONE"),
  DISABLED("DISABLED"),
  BACKWARD("BACKWARD"),
  BACKWARD_ALL("BACKWARD_ALL"),
  FORWARD("FORWARD"),
  FORWARD_ALL("FORWARD_ALL"),
  FULL("FULL"),
  FULL_ALL("FULL_ALL");

  private final Spelling spelling;

  Compatibility(String wireName) {
    this.spelling = Spelling.of(wireName);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }

  software.amazon.awssdk.services.glue.model.Compatibility toGlue() {
    return software.amazon.awssdk.services.glue.model.Compatibility.fromValue(wireName());
  }
}
