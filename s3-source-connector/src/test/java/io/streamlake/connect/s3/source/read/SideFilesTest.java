package io.streamlake.connect.s3.source.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.source.read.SinkFiles.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plain data files zipped row by row with keys and headers side files (spec section 2), each written by the sink's
 * formats as the sink writes them: the key (or the header list) as the row's value with its schema.
 */
class SideFilesTest {

  private static final String DATA = "topics/orders/partition=0/orders+0+0000000100";
  private static final int ROWS = 25;

  @TempDir
  Path dir;

  private final StoredFileReaders readers = new StoredFileReaders(false);

  private static List<Object> stringKeys() {
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      keys.add(i % 4 == 0 ? null : "key-" + i);
    }
    return keys;
  }

  private static List<Object> headerLists() {
    List<Object> lists = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      lists.add(Envelopes.headerStructs(Envelopes.headers(i)));
    }
    return lists;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void keysAndHeadersAreZippedWithTheValues(Kind kind) throws Exception {
    List<Struct> values = Rich.values(ROWS);
    StoredFile data = SinkFiles.write(dir, kind, DATA, Rich.VALUE, values);
    StoredFile keys = SinkFiles.write(dir, kind, DATA + ".keys", Schema.OPTIONAL_STRING_SCHEMA, stringKeys());
    StoredFile headers = SinkFiles.write(dir, kind, DATA + ".headers", Envelopes.HEADERS, headerLists());

    List<StoredRecord> read = SinkFiles.readAll(readers.open(data, keys, headers));

    assertThat(read).hasSize(ROWS);
    for (int i = 0; i < ROWS; i++) {
      StoredRecord record = read.get(i);
      assertThat(record.key()).isEqualTo(stringKeys().get(i));
      assertThat(record.keySchema()).isEqualTo(kind.json() ? null : Schema.OPTIONAL_STRING_SCHEMA);
      EnvelopeFilesTest.assertHeaders(record.headers(), Envelopes.headers(i));
      assertThat(record.value()).isEqualTo(kind.json() ? Rich.schemaless(values.get(i), Rich.VALUE) : values.get(i));
      assertThat(record.offset()).isEqualTo(-1L);
      assertThat(record.timestamp()).isNull();
    }
  }

  @Test
  void sideFilesMayHaveTheirOwnFormats() throws Exception {
    Schema keySchema = SchemaBuilder.struct().name("io.test.OrderKey").field("id", Schema.INT64_SCHEMA)
        .field("region", Schema.OPTIONAL_STRING_SCHEMA).build();
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      keys.add(new Struct(keySchema).put("id", (long) i).put("region", i % 2 == 0 ? null : "eu"));
    }
    StoredFile data = SinkFiles.write(dir, Kind.PARQUET, DATA, Rich.VALUE, Rich.values(ROWS));
    StoredFile keyFile = SinkFiles.write(dir, Kind.AVRO, DATA + ".keys", keySchema, keys);
    StoredFile headerFile = SinkFiles.write(dir, Kind.JSON_GZIP, DATA + ".headers", Envelopes.HEADERS, headerLists());

    List<StoredRecord> read = SinkFiles.readAll(readers.open(data, keyFile, headerFile));

    assertThat(read).extracting(StoredRecord::key).containsExactlyElementsOf(keys);
    assertThat(read).extracting(StoredRecord::keySchema).containsOnly(keySchema);
    assertThat(read).extracting(StoredRecord::value).containsExactlyElementsOf(Rich.values(ROWS));
    for (int i = 0; i < ROWS; i++) {
      EnvelopeFilesTest.assertHeaders(read.get(i).headers(), Envelopes.headers(i));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void bytesKeys(Kind kind) throws Exception {
    List<Object> keys = List.of(new byte[] {1, 2}, new byte[0], new byte[] {(byte) 0x80});
    StoredFile data = SinkFiles.write(dir, kind, DATA, Schema.INT32_SCHEMA, List.of(1, 2, 3));
    StoredFile keyFile = SinkFiles.write(dir, kind, DATA + ".keys", Schema.BYTES_SCHEMA, keys);

    List<StoredRecord> read = SinkFiles.readAll(readers.open(data, keyFile, null));

    for (int i = 0; i < keys.size(); i++) {
      if (kind.json()) {
        // Documented limit: base64 text in JSON lines, which no schema marks as bytes.
        assertThat(read.get(i).key()).isEqualTo(Base64.getEncoder().encodeToString((byte[]) keys.get(i)));
        assertThat(read.get(i).value()).isEqualTo((long) (i + 1));
      } else {
        assertThat((byte[]) read.get(i).key()).containsExactly((byte[]) keys.get(i));
        assertThat(read.get(i).keySchema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat(read.get(i).value()).isEqualTo(i + 1);
        assertThat(read.get(i).valueSchema()).isEqualTo(Schema.INT32_SCHEMA);
      }
      assertThat(read.get(i).headers()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aShorterSideFileNamesBothObjects(Kind kind) throws Exception {
    StoredFile data = SinkFiles.write(dir, kind, DATA, Rich.VALUE, Rich.values(5));
    StoredFile keys = SinkFiles.write(dir, kind, DATA + ".keys", Schema.OPTIONAL_STRING_SCHEMA,
        stringKeys().subList(0, 4));
    try (RecordReader reader = readers.open(data, keys, null)) {
      for (int i = 0; i < 4; i++) {
        assertThat(reader.next()).isNotNull();
      }
      assertThatThrownBy(reader::next).isInstanceOf(DataException.class)
          .hasMessageContaining(data.objectKey()).hasMessageContaining(keys.objectKey())
          .hasMessageContaining("mismatch");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aLongerSideFileNamesBothObjects(Kind kind) throws Exception {
    StoredFile data = SinkFiles.write(dir, kind, DATA, Rich.VALUE, Rich.values(3));
    StoredFile headers = SinkFiles.write(dir, kind, DATA + ".headers", Envelopes.HEADERS,
        headerLists().subList(0, 4));
    try (RecordReader reader = readers.open(data, null, headers)) {
      for (int i = 0; i < 3; i++) {
        assertThat(reader.next()).isNotNull();
      }
      assertThatThrownBy(reader::next).isInstanceOf(DataException.class)
          .hasMessageContaining(data.objectKey()).hasMessageContaining(headers.objectKey())
          .hasMessageContaining("mismatch");
    }
  }

  @Test
  void aHeadersFileThatHoldsSomethingElseNamesTheObject() throws Exception {
    StoredFile data = SinkFiles.write(dir, Kind.AVRO, DATA, Rich.VALUE, Rich.values(2));
    StoredFile notHeaders = SinkFiles.write(dir, Kind.AVRO, DATA + ".headers", Rich.VALUE, Rich.values(2));
    StoredFile jsonNotHeaders = SinkFiles.write(dir, Kind.JSON, DATA + ".headers",
        Schema.STRING_SCHEMA, List.of("a", "b"));

    assertThatThrownBy(() -> SinkFiles.readAll(readers.open(data, null, notHeaders)))
        .isInstanceOf(DataException.class).hasMessageContaining(notHeaders.objectKey());
    assertThatThrownBy(() -> SinkFiles.readAll(readers.open(data, null, jsonNotHeaders)))
        .isInstanceOf(DataException.class).hasMessageContaining(jsonNotHeaders.objectKey());
  }

  @Test
  void jsonHeaderValuesMustBeBase64() throws Exception {
    StoredFile data = SinkFiles.write(dir, Kind.JSON, DATA, Schema.STRING_SCHEMA, List.of("a"));
    StoredFile headers = SinkFiles.write(dir, Kind.JSON, DATA + ".headers", null,
        List.of(List.of(Map.of("key", "h", "value", "not base64!"))));
    assertThatThrownBy(() -> SinkFiles.readAll(readers.open(data, null, headers)))
        .isInstanceOf(DataException.class).hasMessageContaining(headers.objectKey()).hasMessageContaining("base64");
  }
}
