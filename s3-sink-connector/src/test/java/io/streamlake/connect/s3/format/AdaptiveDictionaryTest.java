package io.streamlake.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.ParquetCodec;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 5: Parquet columns whose dictionary Parquet dropped in the previous file of a schema are written
 * without one; the values read back are the same as with the dictionary tried on every column.
 */
class AdaptiveDictionaryTest {

  private static final Schema ROW = SchemaBuilder.struct().name("row")
      .field("id", Schema.STRING_SCHEMA)
      .field("city", Schema.STRING_SCHEMA)
      .build();
  private static final int ROWS = 5_000;

  private static ParquetFormat format(boolean adaptive) {
    return new ParquetFormat(ParquetCodec.SNAPPY, 8 << 20, true, adaptive, 0, new AvroSchemaMapper(38), null);
  }

  /** One file of {@code rows} rows; {@code id} and {@code city} values from the given functions. */
  private static byte[] file(ParquetFormat format, int rows, IntFunction<String> id, IntFunction<String> city)
      throws Exception {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Struct value = new Struct(ROW).put("id", id.apply(i)).put("city", city.apply(i));
      records.add(new SinkRecord("t", 0, null, null, ROW, value, i));
    }
    return write(format, records);
  }

  private static Map<String, Boolean> dictionaryPages(byte[] parquet) throws Exception {
    ParquetMetadata footer = ParquetFiles.footer(parquet);
    Map<String, Boolean> pages = new HashMap<>();
    for (ColumnChunkMetaData chunk : footer.getBlocks().get(0).getColumns()) {
      pages.put(chunk.getPath().toDotString(), chunk.hasDictionaryPage());
    }
    return pages;
  }

  private static IntFunction<String> unique(String prefix) {
    return i -> prefix + "-" + String.format("%08d", i);
  }

  private static final IntFunction<String> FEW = i -> "city-" + (i % 7);

  @Test
  void aColumnWhoseDictionaryWasDroppedIsWrittenWithoutOneNextTime() throws Exception {
    ParquetFormat adaptive = format(true);
    byte[] first = file(adaptive, ROWS, unique("a"), FEW);
    assertThat(dictionaryPages(first)).containsEntry("id", false).containsEntry("city", true);

    // Same schema, now the id column repeats: a dictionary would pay off, but the advice from the first file
    // says PLAIN, so the file has no dictionary page for it (proof that the advice was applied).
    byte[] second = file(adaptive, ROWS, i -> "same-" + (i % 3), FEW);
    assertThat(dictionaryPages(second)).containsEntry("id", false).containsEntry("city", true);

    // Without the advisor the same rows get their dictionary; the values read back are equal.
    byte[] tried = file(format(false), ROWS, i -> "same-" + (i % 3), FEW);
    assertThat(dictionaryPages(tried)).containsEntry("id", true);
    assertThat(values(second)).isEqualTo(values(tried));
  }

  @Test
  void everySixteenthFileTriesTheDictionaryAgainAndRelearns() throws Exception {
    ParquetFormat adaptive = format(true);
    file(adaptive, ROWS, unique("a"), FEW); // learns: id without dictionary
    IntFunction<String> repetitive = i -> "same-" + (i % 3);
    List<Boolean> idDictionary = new ArrayList<>();
    for (int n = 0; n < DictionaryAdvisor.PROBE_EVERY + 1; n++) {
      idDictionary.add(dictionaryPages(file(adaptive, ROWS, repetitive, FEW)).get("id"));
    }
    // files 1..15 after the learning file follow the advice; the 16th probes, keeps the dictionary and relearns
    assertThat(idDictionary.subList(0, DictionaryAdvisor.PROBE_EVERY - 1)).containsOnly(false);
    assertThat(idDictionary.get(DictionaryAdvisor.PROBE_EVERY - 1)).isTrue();
    assertThat(idDictionary.get(DictionaryAdvisor.PROBE_EVERY)).isTrue();
  }

  @Test
  void aSmallFileTeachesNothing() throws Exception {
    ParquetFormat adaptive = format(true);
    file(adaptive, 50, unique("a"), FEW); // 50 unique ids: Parquet drops the dictionary, too few values to learn
    byte[] next = file(adaptive, ROWS, i -> "same-" + (i % 3), FEW);
    assertThat(dictionaryPages(next)).containsEntry("id", true);
  }

  @Test
  void theFilesHoldTheSameValuesWithAndWithoutTheAdvisor() throws Exception {
    ParquetFormat adaptive = format(true);
    ParquetFormat plain = format(false);
    for (int n = 0; n < 3; n++) {
      String prefix = "f" + n;
      byte[] ours = file(adaptive, ROWS, unique(prefix), FEW);
      byte[] theirs = file(plain, ROWS, unique(prefix), FEW);
      assertThat(values(ours)).isEqualTo(values(theirs));
      assertThat(dictionaryPages(ours)).isEqualTo(dictionaryPages(theirs));
    }
  }

  @Test
  void onTheReferenceEventTheFilesAreByteIdentical() throws Exception {
    // Parquet falls back at the first page of each unique column, which leaves exactly what PLAIN from the first
    // value writes: the advice saves the hashing and changes no byte (pinned on the benchmarks' reference event).
    ParquetFormat adaptive = new ParquetFormat(ParquetCodec.SNAPPY, 8 << 20, true, true, 64 * 1024,
        new AvroSchemaMapper(38), null);
    ParquetFormat tried = new ParquetFormat(ParquetCodec.SNAPPY, 8 << 20, true, false, 64 * 1024,
        new AvroSchemaMapper(38), null);
    for (int n = 0; n < 2; n++) {
      List<SinkRecord> records = new ArrayList<>();
      for (int i = 0; i < 100_000; i++) {
        long offset = n * 100_000L + i;
        records.add(Orders.record("orders", 0, offset, 1_767_225_600_000L + offset * 10));
      }
      assertThat(write(adaptive, records)).isEqualTo(write(tried, records));
    }
  }

  private static byte[] write(ParquetFormat format, List<SinkRecord> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = format.open(out, records.get(0));
    for (SinkRecord record : records) {
      writer.write(record);
    }
    writer.close();
    return out.toByteArray();
  }

  private static List<String> values(byte[] parquet) throws Exception {
    List<String> rows = new ArrayList<>();
    for (GenericRecord record : ParquetFiles.read(parquet)) {
      rows.add(record.get("id") + "|" + record.get("city"));
    }
    return rows;
  }
}
