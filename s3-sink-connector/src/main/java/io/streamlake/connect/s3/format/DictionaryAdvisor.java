package io.streamlake.connect.s3.format;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Learns, per schema, the Parquet columns for which a dictionary does not pay off, so that the next files write
 * them PLAIN from the first value.
 *
 * <p>Parquet tries a dictionary for every column of every column chunk and falls back to PLAIN when the
 * dictionary outgrows its page or does not make the chunk's first page smaller; the fallback re-encodes the
 * page's values, and the dictionary is thrown away. For unique-valued columns (ids, amounts) that is a hash
 * lookup per value plus a second encoding for nothing: about a fifth of the sink path's CPU on the reference
 * event (benchmarks/results/2026-12-06.md, section 6). The values a file holds are the same either way; a
 * column written PLAIN from the start has the encoding Parquet falls back to anyway.
 *
 * <p>Rule: after a file whose every row group tried the dictionary on a column, that column is written without
 * a dictionary in the next files of the same schema when no chunk of it kept a dictionary page and its chunks
 * held at least {@link #MIN_VALUES} values in all (a tiny file says nothing about a column's cardinality).
 * Every {@link #PROBE_EVERY}-th file of a schema tries the dictionary on every column again and relearns, so a
 * column whose values turn repetitive regains its dictionary within that many files. One advisor per task
 * (single-threaded), bounded to {@link #MAX_SCHEMAS} schemas.
 */
final class DictionaryAdvisor {

  static final long MIN_VALUES = 1_000;
  static final int PROBE_EVERY = 16;
  static final int MAX_SCHEMAS = 64;

  /** What has been learnt for one schema. */
  private static final class Advice {
    Set<String> plainColumns = Set.of();
    int filesSinceProbe;
  }

  private final Map<Schema, Advice> bySchema = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Schema, Advice> eldest) {
      return size() > MAX_SCHEMAS;
    }
  };

  /**
   * The dotted column paths to write without a dictionary in the next file of this schema (empty when that
   * file probes every column).
   */
  Set<String> plainColumns(Schema schema) {
    Advice advice = bySchema.computeIfAbsent(schema, s -> new Advice());
    if (advice.filesSinceProbe >= PROBE_EVERY - 1) {
      return Set.of();
    }
    return advice.plainColumns;
  }

  /** Learns from the footer of a file that was written with {@code plainColumns} turned off. */
  void learn(Schema schema, Set<String> writtenPlain, ParquetMetadata footer) {
    Advice advice = bySchema.computeIfAbsent(schema, s -> new Advice());
    if (!writtenPlain.isEmpty()) {
      advice.filesSinceProbe++;
      return; // a file with columns forced PLAIN says nothing new about them; keep the advice until the probe
    }
    Map<String, Long> values = new LinkedHashMap<>();
    Set<String> keptDictionary = new HashSet<>();
    for (BlockMetaData block : footer.getBlocks()) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        String path = chunk.getPath().toDotString();
        values.merge(path, chunk.getValueCount(), Long::sum);
        if (chunk.hasDictionaryPage()) {
          keptDictionary.add(path);
        }
      }
    }
    Set<String> plain = new HashSet<>();
    values.forEach((path, count) -> {
      if (count >= MIN_VALUES && !keptDictionary.contains(path)) {
        plain.add(path);
      }
    });
    advice.plainColumns = Set.copyOf(plain);
    advice.filesSinceProbe = 0;
  }
}
