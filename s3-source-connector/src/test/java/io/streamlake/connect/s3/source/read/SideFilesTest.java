package io.streamlake.connect.s3.source.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.source.testing.SideFileLake;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain data files zipped row by row with the keys and headers side files the sink writes (store.kafka.keys,
 * store.kafka.headers; Confluent's layout), each lake written by the sink's own SinkWriter into an in-memory store
 * and read back here object by object: string, bytes, struct and null keys, no headers, repeated and null-valued
 * headers, JSON lines tombstones.
 */
class SideFilesTest {

  @TempDir
  Path dir;

  private final StoredFileReaders readers = new StoredFileReaders(false);

  /** A data object and its side objects, copied out of the store to local files. */
  private record Trio(StoredFile data, StoredFile keys, StoredFile headers) {}

  private StoredFile local(InMemoryObjectStore store, String key) throws Exception {
    Path path = dir.resolve(key.replace('/', '_'));
    Files.write(path, store.get(key).orElseThrow());
    return new StoredFile(key, path, StoredFormat.of(key).orElseThrow());
  }

  private static String side(List<String> keys, String base, String part) {
    List<String> found = keys.stream().filter(k -> k.startsWith(base + "." + part + ".")).toList();
    assertThat(found).as(part + " file of " + base).hasSize(1);
    return found.get(0);
  }

  /** The data file of one partition (the lake has one per partition) and its side files. */
  private Trio partition(InMemoryObjectStore store, int partition) throws Exception {
    List<String> keys = store.keys().stream().filter(k -> !k.contains("/_epochs/")).sorted().toList();
    String prefix = "topics/" + SideFileLake.TOPIC + "/partition=" + partition + "/";
    List<String> data = keys.stream().filter(k -> k.startsWith(prefix) && !k.contains(".keys.")
        && !k.contains(".headers.")).toList();
    assertThat(data).as("data files under " + prefix + " in " + keys).hasSize(1);
    String base = data.get(0).substring(0, data.get(0).indexOf('.', prefix.length()));
    return new Trio(local(store, data.get(0)), local(store, side(keys, base, "keys")),
        local(store, side(keys, base, "headers")));
  }

  private List<StoredRecord> read(Trio trio) throws Exception {
    return SinkFiles.readAll(readers.open(trio.data(), trio.keys(), trio.headers()));
  }

  private static List<SinkRecord> written(String format, int partition) {
    return SideFileLake.records(format).stream().filter(r -> r.kafkaPartition() == partition).toList();
  }

  private static void assertHeaders(StoredRecord read, SinkRecord written) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (StoredHeader header : read.headers()) {
      headers.add(Map.entry(header.key(), String.valueOf(SideFileLake.text(header.value()))));
    }
    List<Map.Entry<String, String>> expected = new ArrayList<>();
    for (Map.Entry<String, String> header : SideFileLake.expectedHeaders(written)) {
      expected.add(Map.entry(header.getKey(), String.valueOf(header.getValue())));
    }
    assertThat(headers).containsExactlyElementsOf(expected);
  }

  private static void assertValue(String format, StoredRecord read, SinkRecord written) {
    Struct value = (Struct) written.value();
    if (value == null) {
      assertThat(read.value()).isNull();
    } else if ("json".equals(format)) {
      assertThat(read.value()).isEqualTo(jsonOf(value));
    } else {
      assertThat(read.value()).isEqualTo(value);
      assertThat(read.valueSchema()).isEqualTo(SideFileLake.VALUE);
    }
    assertThat(read.offset()).isEqualTo(-1L);
    assertThat(read.timestamp()).isNull();
  }

  private static Map<String, Object> jsonOf(Struct struct) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (org.apache.kafka.connect.data.Field field : struct.schema().fields()) {
      map.put(field.name(), struct.get(field));
    }
    return map;
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro", "json"})
  void stringKeysNullKeysAndHeaders(String format) throws Exception {
    InMemoryObjectStore store = SideFileLake.write(format);
    List<StoredRecord> read = read(partition(store, 0));
    List<SinkRecord> written = written(format, 0);

    assertThat(read).hasSize(written.size());
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i).key()).as("row " + i).isEqualTo(written.get(i).key());
      assertThat(read.get(i).keySchema()).isEqualTo("json".equals(format) ? null : Schema.OPTIONAL_STRING_SCHEMA);
      assertHeaders(read.get(i), written.get(i));
      assertValue(format, read.get(i), written.get(i));
    }
    assertThat(read.get(3).key()).isNull();
    assertThat(read.get(0).headers()).isEmpty();
    assertThat(read.get(2).headers()).extracting(StoredHeader::key).containsExactly("seen", "seen", "n", "nothing");
    assertThat(read.get(2).headers().get(3).value()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro", "json"})
  void bytesKeys(String format) throws Exception {
    InMemoryObjectStore store = SideFileLake.write(format);
    List<StoredRecord> read = read(partition(store, 1));
    List<SinkRecord> written = written(format, 1);

    assertThat(read).hasSize(written.size());
    for (int i = 0; i < read.size(); i++) {
      byte[] key = (byte[]) written.get(i).key();
      if (key == null) {
        assertThat(read.get(i).key()).isNull();
      } else if ("json".equals(format)) {
        // Documented limit: JSON lines holds schemaless bytes as base64 text, which nothing marks as bytes.
        assertThat(read.get(i).key()).isEqualTo(Base64.getEncoder().encodeToString(key));
      } else {
        assertThat((byte[]) read.get(i).key()).as("row " + i).containsExactly(key);
      }
      assertThat(read.get(i).keySchema()).isEqualTo("json".equals(format) ? null : Schema.OPTIONAL_BYTES_SCHEMA);
      assertHeaders(read.get(i), written.get(i));
      assertValue(format, read.get(i), written.get(i));
    }
    // A bytes header comes back as the base64 text the headers file holds, not as the original bytes.
    StoredHeader raw = read.get(1).headers().get(1);
    assertThat(raw.key()).isEqualTo("raw");
    assertThat(SideFileLake.text(raw.value())).isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3,
        (byte) 0xff}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro", "json"})
  void structKeys(String format) throws Exception {
    InMemoryObjectStore store = SideFileLake.write(format);
    List<StoredRecord> read = read(partition(store, 2));
    List<SinkRecord> written = written(format, 2);

    assertThat(read).hasSize(written.size());
    for (int i = 0; i < read.size(); i++) {
      Struct key = (Struct) written.get(i).key();
      if ("json".equals(format)) {
        assertThat(read.get(i).key()).isEqualTo(jsonOf(key));
        assertThat(read.get(i).keySchema()).isNull();
      } else {
        assertThat(read.get(i).key()).as("row " + i).isEqualTo(key);
        assertThat(read.get(i).keySchema()).isEqualTo(SideFileLake.STRUCT_KEY);
      }
      assertHeaders(read.get(i), written.get(i));
      assertValue(format, read.get(i), written.get(i));
    }
  }

  @Test
  void jsonTombstonesKeepTheirKeysAndHeaders() throws Exception {
    InMemoryObjectStore store = SideFileLake.write("json");
    List<StoredRecord> read = read(partition(store, 0));

    assertThat(read.get(4).value()).isNull();
    assertThat(read.get(9).value()).isNull();
    assertThat(read.get(4).key()).isEqualTo("k4");
    assertThat(read.get(4).headers()).extracting(StoredHeader::key).containsExactly("trace", "raw");
    assertThat(read.stream().filter(r -> r.value() == null).count()).isEqualTo(2);
  }

  @Test
  void aKeysFileWithMoreRowsThanItsDataFileNamesBothObjects() throws Exception {
    InMemoryObjectStore store = SideFileLake.write("avro");
    Trio trio = partition(store, 0);
    List<Struct> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(new Struct(SideFileLake.VALUE).put("id", (long) i));
    }
    StoredFile data = SinkFiles.write(dir, SinkFiles.Kind.AVRO, "topics/orders/partition=0/orders+0+0000000000",
        SideFileLake.VALUE, five);
    try (RecordReader reader = readers.open(data, trio.keys(), null)) {
      for (int i = 0; i < 5; i++) {
        assertThat(reader.next()).isNotNull();
      }
      assertThatThrownBy(reader::next).isInstanceOf(DataException.class)
          .hasMessageContaining(data.objectKey()).hasMessageContaining(trio.keys().objectKey())
          .hasMessageContaining("mismatch");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro", "json"})
  void aFileThatIsNotAHeadersFileNamesTheObject(String format) throws Exception {
    InMemoryObjectStore store = SideFileLake.write(format);
    Trio trio = partition(store, 2);
    StoredFile keysAsHeaders = new StoredFile(trio.keys().objectKey(), trio.keys().localPath(),
        trio.keys().format());

    assertThatThrownBy(() -> SinkFiles.readAll(readers.open(trio.data(), null, keysAsHeaders)))
        .isInstanceOf(DataException.class).hasMessageContaining(trio.keys().objectKey())
        .hasMessageContaining("not a headers file");
  }
}
