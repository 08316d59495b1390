package io.streamlake.connect.s3.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes held in chunks that never over-allocate by more than half of what they hold: each new chunk is half the
 * bytes written so far (at least {@link #MIN_CHUNK}, at most {@link #MAX_CHUNK}), so a buffer of {@code n}
 * bytes has allocated at most {@code max(MIN_CHUNK, 1.5 n)}. Nothing is allocated before the first byte.
 * Growing never copies. Not thread-safe.
 */
final class RowBuffer extends OutputStream {

  static final int MIN_CHUNK = 256;
  static final int MAX_CHUNK = 1024 * 1024;

  private final List<byte[]> chunks = new ArrayList<>(4);
  private byte[] current;
  private int position;
  private long size;
  private long allocated;

  /** Bytes written (and not rolled back). */
  long size() {
    return size;
  }

  /** Bytes of heap held by the chunks. */
  long allocated() {
    return allocated;
  }

  @Override
  public void write(int b) {
    if (current == null || position == current.length) {
      grow();
    }
    current[position++] = (byte) b;
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      if (current == null || position == current.length) {
        grow();
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(b, off, current, position, n);
      position += n;
      size += n;
      off += n;
      len -= n;
    }
  }

  /** Forgets everything written after the buffer held {@code mark} bytes (a row that failed half-way). */
  void truncate(long mark) {
    if (mark > size || mark < 0) {
      throw new IllegalArgumentException("Cannot truncate " + size + " bytes to " + mark);
    }
    long dropped = size - mark;
    while (dropped > 0) {
      if (dropped >= position && chunks.size() > 1) {
        dropped -= position;
        allocated -= current.length;
        chunks.remove(chunks.size() - 1);
        current = chunks.get(chunks.size() - 1);
        position = current.length;
      } else {
        position -= (int) dropped;
        dropped = 0;
      }
    }
    size = mark;
  }

  /** Reads the bytes back from the start; the buffer must not change while the stream is read. */
  InputStream reader() {
    return new InputStream() {
      private int chunk;
      private int offset;

      @Override
      public int read() {
        if (!advance()) {
          return -1;
        }
        return chunks.get(chunk)[offset++] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (!advance()) {
          return -1;
        }
        int n = Math.min(len, limit(chunk) - offset);
        System.arraycopy(chunks.get(chunk), offset, b, off, n);
        offset += n;
        return n;
      }

      private boolean advance() {
        while (chunk < chunks.size() && offset >= limit(chunk)) {
          chunk++;
          offset = 0;
        }
        return chunk < chunks.size();
      }

      private int limit(int index) {
        return index == chunks.size() - 1 ? position : chunks.get(index).length;
      }
    };
  }

  /** Writes every byte held to {@code out}, chunk by chunk. */
  void writeTo(OutputStream out) throws IOException {
    for (int i = 0; i < chunks.size(); i++) {
      byte[] chunk = chunks.get(i);
      out.write(chunk, 0, i == chunks.size() - 1 ? position : chunk.length);
    }
  }

  /** Drops every chunk. */
  void release() {
    chunks.clear();
    current = null;
    position = 0;
    size = 0;
    allocated = 0;
  }

  private void grow() {
    int length = (int) Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size / 2));
    current = new byte[length];
    chunks.add(current);
    position = 0;
    allocated += length;
  }
}
