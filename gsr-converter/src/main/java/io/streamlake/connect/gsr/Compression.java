package io.streamlake.connect.gsr;

import io.streamlake.common.config.Choice;
import io.streamlake.common.config.Spelling;

/**
 * How {@code fromConnectData} compresses the payload after the GSR header; AWS's {@code compression} option with
 * its two values. Reading accepts both whatever the setting: the compression byte of each record says which.
 */
public enum Compression implements Choice {
  /** Payload as is; compression byte 0. */
  NONE("NONE"),
  /** Payload through {@link java.util.zip.Deflater} with its defaults (zlib stream); compression byte 5. */
  ZLIB("ZLIB");

  private final Spelling spelling;

  Compression(String wireName) {
    this.spelling = Spelling.of(wireName);
  }

  @Override
  public Spelling spelling() {
    return spelling;
  }
}
