package io.streamlake.connect.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level checks of a message's envelope punctuation, for the path that skips a known schema without a
 * parser. Whitespace is JSON's (and Jackson's): space, tab, line feed, carriage return. Every method returns the
 * position after what it matched, or -1 (and passes -1 through) when the bytes are not as expected.
 */
final class Bytes {

  private Bytes() {}

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static int skipSpaces(byte[] message, int at) {
    if (at < 0) {
      return at;
    }
    while (at < message.length) {
      byte b = message[at];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return at;
      }
      at++;
    }
    return at;
  }

  /** Optional whitespace, then {@code c}, then optional whitespace. */
  static int expect(byte[] message, int at, char c) {
    at = skipSpaces(message, at);
    if (at < 0 || at >= message.length || message[at] != c) {
      return -1;
    }
    return skipSpaces(message, at + 1);
  }

  /** A member name written exactly as {@code quotedName} (no escapes), then {@code :}. */
  static int expectName(byte[] message, int at, byte[] quotedName) {
    if (at < 0 || at + quotedName.length > message.length
        || !Arrays.equals(message, at, at + quotedName.length, quotedName, 0, quotedName.length)) {
      return -1;
    }
    return expect(message, at + quotedName.length, ':');
  }
}
