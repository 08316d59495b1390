package io.streamlake.connect.s3.source.read;

import io.streamlake.connect.s3.source.read.SinkFiles.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.data.Struct;

/**
 * Measures the readers (not a test): writes one file per format with the sink's formats (the 25-column
 * {@link Rich} value, nested struct, arrays, maps, decimals), then reads it back several times and prints the best
 * records/s per format. Run it with the module's runtime class path plus the test classes, e.g.
 * {@code java -cp <runtime jars>:target/classes:target/test-classes
 * io.streamlake.connect.s3.source.read.ReaderThroughput 200000 3 PARQUET,AVRO} (records, rounds, formats); it also shows the readers need no Hadoop
 * MapReduce jar, which the ZIP does not carry.
 */
public final class ReaderThroughput {

  private ReaderThroughput() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Kind> kinds = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).map(Kind::valueOf).toList()
        : List.of(Kind.values());
    Path dir = Files.createTempDirectory("reader-throughput");
    List<Struct> values = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      values.add(Rich.value(i % 1000));
    }
    StoredFileReaders readers = new StoredFileReaders(false);
    for (Kind kind : kinds) {
      StoredFile file = SinkFiles.write(dir, kind, "topics/t/0/t+0+0", Rich.VALUE, values);
      double best = 0;
      for (int round = 0; round < rounds; round++) {
        long start = System.nanoTime();
        long count = 0;
        try (RecordReader reader = readers.open(file, null, null)) {
          while (reader.next() != null) {
            count++;
          }
        }
        if (count != rows) {
          throw new IllegalStateException(kind + ": read " + count + " of " + rows);
        }
        best = Math.max(best, count / ((System.nanoTime() - start) / 1e9));
      }
      double decodeOnly = 0; // the file's rows as Avro records / JSON values, not converted to Connect data
      for (int round = 0; round < rounds; round++) {
        long start = System.nanoTime();
        long count = 0;
        try (RowSource source = RowSource.open(file)) {
          while (source.next() != RowSource.END) {
            count++;
          }
        }
        decodeOnly = Math.max(decodeOnly, count / ((System.nanoTime() - start) / 1e9));
      }
      System.out.printf(Locale.ROOT, "%-9s %,12d bytes  %,10.0f records/s  (decoding alone %,10.0f/s; best of %d,"
          + " %d records)%n", kind, Files.size(file.localPath()), best, decodeOnly, rounds, rows);
      Files.delete(file.localPath());
    }
    Files.delete(dir);
  }
}
