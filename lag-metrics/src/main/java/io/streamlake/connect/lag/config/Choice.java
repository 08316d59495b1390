package io.streamlake.connect.lag.config;

/** A value of a multi-choice option, with the wire name users write in connector JSON. */
public interface Choice {

  /** The canonical name shown in docs and error messages (compared case-insensitively on input). */
  String wireName();
}
