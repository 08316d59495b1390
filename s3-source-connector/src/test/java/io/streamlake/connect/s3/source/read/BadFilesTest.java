package io.streamlake.connect.s3.source.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.source.read.SinkFiles.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Truncated, corrupt and foreign files: a DataException naming the object, never a silent short read. */
class BadFilesTest {

  @TempDir
  Path dir;

  private final StoredFileReaders readers = new StoredFileReaders(false);

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aTruncatedFileNamesTheObject(Kind kind) throws Exception {
    StoredFile file = SinkFiles.write(dir, kind, "topics/t/0/t+0+0000000007", Rich.VALUE, Rich.values(2000));
    assertThat(SinkFiles.readAll(readers.open(file, null, null))).hasSize(2000); // many blocks / row groups
    byte[] bytes = Files.readAllBytes(file.localPath());
    Files.write(file.localPath(), Arrays.copyOf(bytes, bytes.length * 2 / 3));

    assertThatThrownBy(() -> SinkFiles.readAll(readers.open(file, null, null)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(file.objectKey());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEmptyFileOfTheSinkReadsEmpty(Kind kind) throws Exception {
    // Avro: the header only; the check for a file ending inside a block must not fire.
    StoredFile file = SinkFiles.write(dir, kind, "topics/t/0/t+0+0000000009", Rich.VALUE, Rich.values(1));
    try (RecordReader reader = readers.open(file, null, null)) {
      assertThat(reader.next()).isNotNull();
      assertThat(reader.next()).isNull();
      assertThat(reader.next()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void garbageNamesTheObject(Kind kind) throws Exception {
    StoredFile file = SinkFiles.write(dir, kind, "topics/t/0/t+0+0000000008", Rich.VALUE, Rich.values(3));
    byte[] garbage = "{\"this is\": not what the sink wrote ]".getBytes(StandardCharsets.UTF_8);
    Files.write(file.localPath(), garbage);

    assertThatThrownBy(() -> SinkFiles.readAll(readers.open(file, null, null)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(file.objectKey());
  }

  @Test
  void aMissingLocalFileIsAnIoProblemNotBadContent() {
    for (StoredFormat format : StoredFormat.values()) {
      StoredFile missing = new StoredFile("topics/t/0/t+0+0" + format.extension(), dir.resolve("gone"), format);
      assertThatThrownBy(() -> readers.open(missing, null, null)).isInstanceOf(IOException.class)
          .isNotInstanceOf(DataException.class);
    }
  }

  @Test
  void anAvroFileWrittenBeforeTheMarksReadsAsAOneFieldStruct() throws Exception {
    // What the sink wrote for a STRING value before AvroSchemaMapper marked wrapped values (connect.wrapped).
    org.apache.avro.Schema legacy = new org.apache.avro.Schema.Parser().parse("""
        {"type":"record","name":"ConnectValue","namespace":"io.streamlake",
         "fields":[{"name":"value","type":"string"}]}""");
    Path path = dir.resolve("legacy.avro");
    try (DataFileWriter<GenericData.Record> writer = new DataFileWriter<>(new GenericDatumWriter<>(legacy))) {
      writer.create(legacy, path.toFile());
      GenericData.Record record = new GenericData.Record(legacy);
      record.put(0, "hello");
      writer.append(record);
    }
    StoredRecord read = SinkFiles.readAll(readers.open(new StoredFile("old/t+0+0.avro", path, StoredFormat.AVRO),
        null, null)).get(0);

    Schema expected = SchemaBuilder.struct().name("io.streamlake.ConnectValue").field("value", Schema.STRING_SCHEMA)
        .build();
    assertThat(read.valueSchema()).isEqualTo(expected);
    assertThat(read.value()).isEqualTo(new Struct(expected).put("value", "hello"));
  }

  @Test
  void aUnionOfSeveralTypesIsRefusedNamingTheColumn() throws Exception {
    org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser().parse("""
        {"type":"record","name":"R","fields":[{"name":"either","type":["null","string","long"]}]}""");
    Path path = dir.resolve("union.avro");
    try (DataFileWriter<GenericData.Record> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      writer.create(schema, path.toFile());
      GenericData.Record record = new GenericData.Record(schema);
      record.put(0, 5L);
      writer.append(record);
    }
    StoredFile file = new StoredFile("u/t+0+0.avro", path, StoredFormat.AVRO);
    assertThatThrownBy(() -> SinkFiles.readAll(readers.open(file, null, null)))
        .isInstanceOf(DataException.class).hasMessageContaining(file.objectKey()).hasMessageContaining("either");
  }

  @Test
  void formatsFromObjectKeys() {
    assertThat(StoredFormat.of("topics/t/0/t+0+0000000001.snappy.parquet")).contains(StoredFormat.PARQUET);
    assertThat(StoredFormat.of("a/t+0+1.parquet")).contains(StoredFormat.PARQUET);
    assertThat(StoredFormat.of("a/t+0+1.2.keys.avro")).contains(StoredFormat.AVRO);
    assertThat(StoredFormat.of("a/t+0+1.json")).contains(StoredFormat.JSON);
    assertThat(StoredFormat.of("a/t+0+1.headers.json.gz")).contains(StoredFormat.JSON_GZIP);
    assertThat(StoredFormat.of("topics/_epochs/t/0/00001")).isEmpty();
    assertThat(StoredFormat.of("a/t+0+1.csv")).isEmpty();
    assertThat(List.of(StoredFormat.values())).extracting(StoredFormat::extension)
        .containsExactly(".parquet", ".avro", ".json", ".json.gz");
    for (StoredFormat format : StoredFormat.values()) {
      assertThat(StoredFormat.of("k" + format.extension())).contains(format);
    }
  }
}
