package io.streamlake.connect.json;

import java.util.Arrays;

/**
 * A range of bytes used as a map key: equal when the bytes are equal. A lookup key points into the message
 * ({@link #of}); a stored key owns a copy ({@link #copy}), so the cache never holds on to a message.
 */
final class ByteSpan {

  private final byte[] bytes;
  private final int from;
  private final int to;
  private final int hash;

  private ByteSpan(byte[] bytes, int from, int to, int hash) {
    this.bytes = bytes;
    this.from = from;
    this.to = to;
    this.hash = hash;
  }

  static ByteSpan of(byte[] bytes, int from, int to) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + bytes[i];
    }
    return new ByteSpan(bytes, from, to, h);
  }

  ByteSpan copy() {
    return new ByteSpan(Arrays.copyOfRange(bytes, from, to), 0, to - from, hash);
  }

  int length() {
    return to - from;
  }

  /** Whether {@code other[otherFrom, otherFrom + length())} holds these bytes. */
  boolean matches(byte[] other, int otherFrom, int otherTo) {
    return otherTo - otherFrom == to - from && Arrays.equals(bytes, from, to, other, otherFrom, otherTo);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteSpan s && s.hash == hash && s.matches(bytes, from, to);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
