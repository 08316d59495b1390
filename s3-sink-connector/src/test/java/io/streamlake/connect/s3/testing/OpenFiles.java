package io.streamlake.connect.s3.testing;

import io.streamlake.connect.s3.format.AvroSchemaMapper;
import io.streamlake.connect.s3.format.AvroValueMapper;
import io.streamlake.connect.s3.writer.SinkWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Memory per open file of a writer with many files open: measured (growth of the live heap, after a full GC, since
 * before the first record, divided by the open files) and counted (what the writer reports to its memory budget).
 *
 * @param files open files
 * @param measuredPerFile bytes of live heap per open file
 * @param countedPerFile bytes the memory budget counts per open file
 */
public record OpenFiles(int files, long measuredPerFile, long countedPerFile) {

  public static OpenFiles of(SinkWriter writer, long liveHeapGrowth) {
    int files = writer.openFiles();
    return new OpenFiles(files, files == 0 ? 0 : liveHeapGrowth / files,
        files == 0 ? 0 : writer.memoryBytes() / files);
  }

  /** Size of one {@link Orders#ORDER} as a compact row (Avro binary of its mapped record): what an open file keeps. */
  public static long compactBytesPerRow() {
    Schema schema = new AvroSchemaMapper(38).toAvro(Orders.ORDER);
    GenericData.Record row = new AvroValueMapper().toRecord(Orders.order(123_456L, 1_798_761_600_000L), schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericData.Record>(schema).write(row, encoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.size();
  }
}
