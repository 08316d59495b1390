package io.streamlake.connect.s3.format;

import java.io.IOException;

/** The streaming encoder of one file (Parquet's or Avro's writer) fed with rows already mapped to Avro. */
interface RowEncoder {

  /**
   * Appends a row. A failure here is the encoder's, not the row's (the row mapped cleanly): it is an
   * {@link EncoderFailure} or an I/O error of the stream.
   */
  void write(Object row) throws IOException;

  /** Bytes produced so far, written to the stream or still buffered by the encoder. */
  long size();

  /** Heap held by the encoder: its fixed state plus bytes not yet on the stream (an estimate). */
  long bufferedBytes();

  /** Finishes the file (footer, flush). */
  void close() throws IOException;

  /** Opens the encoder of a file on its stream; called once, at the first row it must take. */
  @FunctionalInterface
  interface Opener {
    RowEncoder open() throws IOException;
  }
}
