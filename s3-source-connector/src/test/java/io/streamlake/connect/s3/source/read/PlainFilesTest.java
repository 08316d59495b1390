package io.streamlake.connect.s3.source.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.source.read.SinkFiles.Kind;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Values written by the sink's own formats read back equal, with an equal schema (Parquet, Avro). */
class PlainFilesTest {

  @TempDir
  Path dir;

  private final StoredFileReaders readers = new StoredFileReaders(false);

  @ParameterizedTest
  @EnumSource(Kind.class)
  void richStructsRoundTrip(Kind kind) throws Exception {
    List<Struct> values = Rich.values(40);
    StoredFile file = SinkFiles.write(dir, kind, "topics/t/partition=0/t+0+0000000000", Rich.VALUE, values);
    List<StoredRecord> read = SinkFiles.readAll(readers.open(file, null, null));

    assertThat(read).hasSize(values.size());
    for (int i = 0; i < values.size(); i++) {
      StoredRecord record = read.get(i);
      assertThat(record.offset()).isEqualTo(-1L);
      assertThat(record.timestamp()).isNull();
      assertThat(record.headers()).isEmpty();
      assertThat(record.keySchema()).isNull();
      assertThat(record.key()).isNull();
      if (kind.json()) {
        assertThat(record.valueSchema()).isNull();
        assertThat(record.value()).as("row %d", i).isEqualTo(Rich.schemaless(values.get(i), Rich.VALUE));
      } else {
        // Struct equality covers the schema (type, optionality, names, parameters, docs, field order) and values.
        assertThat(record.valueSchema()).isEqualTo(Rich.VALUE);
        assertThat(record.value()).as("row %d", i).isEqualTo(values.get(i));
      }
    }
    if (!kind.json()) {
      assertThat(read).extracting(StoredRecord::valueSchema).allSatisfy(s -> assertThat(s).isSameAs(
          read.get(0).valueSchema()));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void nonStructValuesAreUnwrapped(Kind kind) throws Exception {
    Schema schema = SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).optional().build();
    List<Object> values = java.util.Arrays.asList(List.of(1L, 2L), null, java.util.Arrays.asList(null, -3L));
    StoredFile file = SinkFiles.write(dir, kind, "k/arrays", schema, values);
    List<StoredRecord> read = SinkFiles.readAll(readers.open(file, null, null));

    assertThat(read).extracting(StoredRecord::value).containsExactlyElementsOf(values);
    assertThat(read.get(0).valueSchema()).isEqualTo(kind.json() ? null : schema);
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"PARQUET", "AVRO"})
  void primitivesComeBackWithTheirSchema(Kind kind) throws Exception {
    for (String field : List.of("opt_text", "i8", "opt_i8", "i16", "f32", "blob", "amount", "rate", "day", "clock",
        "at")) { // not a MAP: the sink's AvroValueMapper.toRecord takes a top-level Map for a record (reported)
      Schema schema = Rich.VALUE.field(field).schema();
      List<Object> values = java.util.Arrays.asList(Rich.value(3).get(field), Rich.value(5).get(field));
      StoredFile file = SinkFiles.write(dir, kind, "k/" + field, schema, values);
      List<StoredRecord> read = SinkFiles.readAll(readers.open(file, null, null));
      assertThat(read).extracting(StoredRecord::valueSchema).as(field).containsOnly(schema);
      assertThat(read).extracting(StoredRecord::value).as(field).containsExactlyElementsOf(values);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"PARQUET", "AVRO"})
  void aStructWithOneFieldNamedValueStaysAStruct(Kind kind) throws Exception {
    Schema lookalike = SchemaBuilder.struct().field("value", Schema.STRING_SCHEMA).optional().build();
    Struct value = new Struct(lookalike).put("value", "v");
    StoredFile file = SinkFiles.write(dir, kind, "k/lookalike", lookalike, List.of(value));
    StoredRecord read = SinkFiles.readAll(readers.open(file, null, null)).get(0);

    assertThat(read.valueSchema()).isEqualTo(lookalike);
    assertThat(read.value()).isEqualTo(value);
  }
}
