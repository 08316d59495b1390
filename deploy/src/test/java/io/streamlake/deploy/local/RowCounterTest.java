package io.streamlake.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Row counts by file kind; Parquet footers are covered end to end by LocalDemoIT. */
class RowCounterTest {

  @Test
  void testJsonLinesWithAndWithoutTrailingNewline() throws IOException {
    assertThat(RowCounter.count("a.json", "{}\n{}\n{}\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(3);
    assertThat(RowCounter.count("a.json", "{}\n{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(RowCounter.count("a.json", new byte[0])).isZero();
  }

  @Test
  void testGzipJsonLines() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("{}\n{}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(RowCounter.count("a.json.gz", bytes.toByteArray())).isEqualTo(2);
  }

  @Test
  void testAvroContainerFile() throws IOException {
    Schema schema = SchemaBuilder.record("R").fields().requiredLong("id").endRecord();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      writer.create(schema, bytes);
      for (long i = 0; i < 5; i++) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", i);
        writer.append(record);
      }
    }
    assertThat(RowCounter.count("a.avro", bytes.toByteArray())).isEqualTo(5);
  }

  @Test
  void testNotParquetIsAnError() {
    assertThatThrownBy(() -> RowCounter.count("a.parquet", "not parquet at all".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class).hasMessageContaining("PAR1");
  }

  @Test
  void testUnknownKind() throws IOException {
    assertThat(RowCounter.count("a.bin", new byte[] {1, 2})).isEqualTo(-1);
  }
}
