package io.streamlake.connect.s3.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.CrashingStore;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.ForwardingStore;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.connect.s3.testing.SideFiles;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Keys and headers side files (store.kafka.keys, store.kafka.headers) in every format, read back: named after their
 * data file, row i holding the key and headers of the data file's row i; records whose key cannot be written go to
 * the errant-record reporter and leave every file of the record unchanged.
 */
class SideFilesTest {

  private static final long T0 = 1_798_761_600_000L; // 2027-01-01T00:00:00Z
  private static final byte[] RAW = {1, 2, 3, (byte) 0xff};
  private static final Schema KEY = SchemaBuilder.struct().name("io.streamlake.test.OrderKey")
      .field("id", Schema.INT64_SCHEMA).build();

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final MutableClock clock = new MutableClock(T0);
  private final List<SinkRecord> reported = new ArrayList<>();
  private final List<Throwable> errors = new ArrayList<>();
  private final ErrantRecordReporter reporter = (record, error) -> {
    reported.add(record);
    errors.add(error);
    return CompletableFuture.completedFuture(null);
  };

  private static Map<String, String> props(String format) {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", format);
    props.put("flush.size", "10");
    props.put("store.kafka.keys", "true");
    props.put("store.kafka.headers", "true");
    return props;
  }

  private SinkWriter writer(Map<String, String> props) {
    return SinkWriters.create(new S3SinkConfig(props), store, new FakeSinkTaskContext(reporter), "test", clock);
  }

  private static ConnectHeaders headers(long offset) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("trace", "t" + offset);
    headers.addBytes("raw", RAW);
    headers.addInt("n", (int) offset);
    return headers;
  }

  /** An order with a string key "k<offset>" and three headers (string, bytes, int). */
  private static SinkRecord order(long offset) {
    SinkRecord plain = Orders.record("orders", 0, offset, T0 + offset);
    return new SinkRecord("orders", 0, plain.keySchema(), plain.key(), plain.valueSchema(), plain.value(), offset,
        plain.timestamp(), TimestampType.CREATE_TIME, headers(offset));
  }

  private static SinkRecord withKey(SinkRecord record, Schema keySchema, Object key) {
    return new SinkRecord(record.topic(), record.kafkaPartition(), keySchema, key, record.valueSchema(),
        record.value(), record.kafkaOffset(), record.timestamp(), TimestampType.CREATE_TIME, record.headers());
  }

  private static List<SinkRecord> orders(long from, long to) {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      records.add(order(offset));
    }
    return records;
  }

  private List<String> objects() {
    return store.keys().stream().filter(k -> !k.contains("/_epochs/")).sorted().toList();
  }

  private static void assertHeaders(List<?> row, long id) {
    assertThat(row).hasSize(3);
    Map<String, String> byKey = new LinkedHashMap<>();
    for (Object header : row) {
      GenericRecord h = (GenericRecord) header;
      byKey.put(String.valueOf(h.get("key")), h.get("value") == null ? null : String.valueOf(h.get("value")));
    }
    assertThat(byKey).containsExactly(Map.entry("trace", "t" + id),
        Map.entry("raw", Values.convertToString(Schema.BYTES_SCHEMA, RAW)),
        Map.entry("n", Long.toString(id)));
  }

  @Test
  void parquetDataFilesGetAvroKeysAndHeadersFilesNextToThemRowForRow() throws Exception {
    try (SinkWriter writer = writer(props("parquet"))) {
      writer.put(orders(0, 20));
    }
    String base = "topics/orders/partition=0/orders+0+";
    assertThat(objects()).containsExactly(
        base + "0000000000.headers.avro", base + "0000000000.keys.avro", base + "0000000000.snappy.parquet",
        base + "0000000010.headers.avro", base + "0000000010.keys.avro", base + "0000000010.snappy.parquet");
    for (String first : List.of("0000000000", "0000000010")) {
      String data = base + first + ".snappy.parquet";
      List<GenericRecord> rows = ParquetFiles.read(store.object(data));
      byte[] keysFile = store.object(base + first + ".keys.avro");
      byte[] headersFile = store.object(base + first + ".headers.avro");
      assertThat(SideFiles.avroSchema(keysFile).getType()).as("Confluent's Avro keys: the key's own schema")
          .isEqualTo(org.apache.avro.Schema.Type.STRING);
      assertThat(SideFiles.avroSchema(headersFile).getType()).isEqualTo(org.apache.avro.Schema.Type.ARRAY);
      List<Object> keys = SideFiles.avroRows(keysFile);
      List<Object> headers = SideFiles.avroRows(headersFile);
      assertThat(keys).hasSameSizeAs(rows).hasSize(10);
      assertThat(headers).hasSameSizeAs(rows);
      for (int i = 0; i < rows.size(); i++) {
        long id = (Long) rows.get(i).get("id");
        assertThat(String.valueOf(keys.get(i))).isEqualTo("k" + id);
        assertHeaders((List<?>) headers.get(i), id);
      }
      assertThat(store.metadata(base + first + ".keys.avro")).as("side files state the data file's offsets")
          .isEqualTo(store.metadata(data));
      assertThat(store.metadata(base + first + ".headers.avro")).isEqualTo(store.metadata(data));
    }
  }

  @Test
  void parquetKeysFilesHoldARecordKeyStructAndJsonHeadersFilesAnObjectWithHeaders() throws Exception {
    Map<String, String> props = props("avro");
    props.put("keys.format.class", "io.confluent.connect.s3.format.parquet.ParquetFormat");
    props.put("headers.format.class", "io.confluent.connect.s3.format.json.JsonFormat");
    List<SinkRecord> records = new ArrayList<>();
    for (SinkRecord record : orders(0, 10)) {
      records.add(withKey(record, KEY, new Struct(KEY).put("id", record.kafkaOffset() * 100)));
    }
    try (SinkWriter writer = writer(props)) {
      writer.put(records);
    }
    String base = "topics/orders/partition=0/orders+0+0000000000";
    assertThat(objects()).containsExactly(base + ".avro", base + ".headers.json", base + ".keys.snappy.parquet");
    List<Object> data = SideFiles.avroRows(store.object(base + ".avro"));
    List<GenericRecord> keys = ParquetFiles.read(store.object(base + ".keys.snappy.parquet"));
    List<String> headers = SideFiles.jsonLines(store.object(base + ".headers.json"));
    assertThat(keys).hasSameSizeAs(data).hasSize(10);
    assertThat(headers).hasSameSizeAs(data);
    assertThat(keys.get(0).getSchema().getName()).isEqualTo("RecordKey");
    for (int i = 0; i < data.size(); i++) {
      long id = (Long) ((GenericRecord) data.get(i)).get("id");
      assertThat(((GenericRecord) keys.get(i).get("key")).get("id")).isEqualTo(id * 100);
      assertThat(headers.get(i)).isEqualTo("{\"headers\":[{\"key\":\"trace\",\"value\":\"t" + id + "\"},"
          + "{\"key\":\"raw\",\"value\":\"" + Values.convertToString(Schema.BYTES_SCHEMA, RAW) + "\"},"
          + "{\"key\":\"n\",\"value\":\"" + id + "\"}]}");
    }
  }

  @Test
  void avroKeysFilesOfStructKeysHoldTheKeyRecordAndParquetHeadersFilesARecordHeadersStruct() throws Exception {
    Map<String, String> props = props("json");
    props.put("headers.format.class", "parquet");
    List<SinkRecord> records = new ArrayList<>();
    for (SinkRecord record : orders(0, 10)) {
      records.add(withKey(record, KEY, new Struct(KEY).put("id", record.kafkaOffset() + 1000)));
    }
    try (SinkWriter writer = writer(props)) {
      writer.put(records);
    }
    String base = "topics/orders/partition=0/orders+0+0000000000";
    assertThat(objects()).containsExactly(base + ".headers.snappy.parquet", base + ".json", base + ".keys.avro");
    List<String> data = SideFiles.jsonLines(store.object(base + ".json"));
    byte[] keysFile = store.object(base + ".keys.avro");
    assertThat(SideFiles.avroSchema(keysFile).getFullName()).isEqualTo("io.streamlake.test.OrderKey");
    List<Object> keys = SideFiles.avroRows(keysFile);
    List<GenericRecord> headers = ParquetFiles.read(store.object(base + ".headers.snappy.parquet"));
    assertThat(data).hasSize(10);
    assertThat(keys).hasSize(10);
    assertThat(headers).hasSize(10);
    assertThat(headers.get(0).getSchema().getName()).isEqualTo("RecordHeaders");
    for (int i = 0; i < data.size(); i++) {
      long id = i; // JSON rows in offset order; the id field is the offset
      assertThat(data.get(i)).contains("\"id\":" + id + ",");
      assertThat(((GenericRecord) keys.get(i)).get("id")).isEqualTo(id + 1000);
      assertHeaders((List<?>) headers.get(i).get("headers"), id);
    }
  }

  @Test
  void aNewKeySchemaStartsNewFilesSoTheKeysFileKeepsEveryFieldOfTheKey() throws Exception {
    Schema key2 = SchemaBuilder.struct().name("io.streamlake.test.OrderKey").version(2)
        .field("id", Schema.INT64_SCHEMA).field("region", Schema.OPTIONAL_STRING_SCHEMA).build();
    List<SinkRecord> records = new ArrayList<>();
    for (SinkRecord record : orders(0, 10)) {
      long offset = record.kafkaOffset();
      records.add(offset < 3 ? withKey(record, KEY, new Struct(KEY).put("id", offset))
          : withKey(record, key2, new Struct(key2).put("id", offset).put("region", "eu-" + offset)));
    }
    Map<String, String> props = props("json");
    props.put("flush.size", "5"); // the key schema changes at offset 3, inside the first 5-record epoch
    try (SinkWriter writer = writer(props)) {
      writer.put(records);
    }
    String first = "topics/orders/partition=0/orders+0+0000000000";
    String second = "topics/orders/partition=0/orders+0+0000000003";
    assertThat(objects()).contains(first + ".keys.avro", second + ".keys.avro");
    assertThat(SideFiles.avroRows(store.object(first + ".keys.avro"))).hasSize(3);
    List<Object> keys = SideFiles.avroRows(store.object(second + ".keys.avro"));
    assertThat(keys).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(((GenericRecord) keys.get(i)).get("region").toString()).isEqualTo("eu-" + (i + 3));
    }
    assertThat(reported).isEmpty();
  }

  @Test
  void jsonLinesWritesSchemalessKeysAsTheyAreAndKeepsTheKeyRowsOfTombstones() throws Exception {
    Map<String, String> props = props("json");
    props.put("keys.format.class", "json");
    props.put("headers.format.class", "json");
    props.put("behavior.on.null.values", "write");
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = 0; offset < 4; offset++) {
      Object value = offset == 2 ? null : Map.of("id", offset);
      Object key = offset == 1 ? "plain-" + offset : Map.of("id", offset, "region", "eu");
      records.add(new SinkRecord("orders", 0, null, key, null, value, offset, T0, TimestampType.CREATE_TIME,
          offset == 3 ? new ConnectHeaders() : headers(offset)));
    }
    props.put("flush.size", "4");
    try (SinkWriter writer = writer(props)) {
      writer.put(records);
    }
    String base = "topics/orders/partition=0/orders+0+0000000000";
    assertThat(objects()).containsExactly(base + ".headers.json", base + ".json", base + ".keys.json");
    List<String> data = SideFiles.jsonLines(store.object(base + ".json"));
    List<String> keys = SideFiles.jsonLines(store.object(base + ".keys.json"));
    List<String> headers = SideFiles.jsonLines(store.object(base + ".headers.json"));
    assertThat(data).hasSize(4);
    assertThat(data.get(2)).as("the tombstone").isEqualTo("null");
    assertThat(keys).hasSize(4);
    assertThat(keys.get(1)).isEqualTo("\"plain-1\"");
    assertThat(keys.get(2)).as("the tombstone's key").contains("\"id\":2").contains("\"region\":\"eu\"");
    assertThat(headers).hasSize(4);
    assertThat(headers.get(2)).startsWith("{\"headers\":[{\"key\":\"trace\",\"value\":\"t2\"}");
    assertThat(headers.get(3)).as("a record without headers").isEqualTo("{\"headers\":[]}");
  }

  @Test
  void schemalessBytesAndStringKeysBecomeOptionalBytesAndStrings() throws Exception {
    Map<String, String> props = props("parquet");
    props.put("flush.size", "3");
    List<SinkRecord> records = new ArrayList<>();
    records.add(withKey(order(0), null, new byte[] {7, 0}));
    records.add(withKey(order(1), null, null));
    records.add(withKey(order(2), null, ByteBuffer.wrap(new byte[] {9})));
    records.add(withKey(order(3), null, "s3"));
    records.add(withKey(order(4), null, null));
    records.add(withKey(order(5), null, "s5"));
    try (SinkWriter writer = writer(props)) {
      writer.put(records);
    }
    assertThat(reported).isEmpty();
    String base = "topics/orders/partition=0/orders+0+";
    byte[] bytesKeys = store.object(base + "0000000000.keys.avro");
    assertThat(SideFiles.avroSchema(bytesKeys).toString()).isEqualTo("[\"null\",\"bytes\"]");
    assertThat(SideFiles.avroRows(bytesKeys)).containsExactly(ByteBuffer.wrap(new byte[] {7, 0}), null,
        ByteBuffer.wrap(new byte[] {9}));
    byte[] stringKeys = store.object(base + "0000000003.keys.avro");
    assertThat(SideFiles.avroSchema(stringKeys).toString()).isEqualTo("[\"null\",\"string\"]");
    assertThat(SideFiles.avroRows(stringKeys)).extracting(String::valueOf).containsExactly("s3", "null", "s5");
  }

  @Test
  void aKeyTheKeysFileCannotTakeGoesToTheReporterAndLeavesEveryFileOfTheRecordUnchanged() throws Exception {
    List<SinkRecord> records = new ArrayList<>(orders(0, 10));
    records.set(0, withKey(records.get(0), null, 42)); // the file's first record: no file is opened for it
    records.set(5, withKey(records.get(5), Schema.STRING_SCHEMA, null)); // a null key where the schema needs one
    records.set(7, withKey(records.get(7), null, List.of("not", "a", "key"))); // schemaless, neither bytes nor text
    Map<String, String> props = props("parquet");
    props.put("flush.size", "7");
    try (SinkWriter writer = writer(props)) {
      writer.put(records);
    }
    assertThat(reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L, 5L, 7L);
    assertThat(errors.get(0)).hasMessageContaining("store.kafka.keys").hasMessageContaining("key.converter");
    assertThat(errors.get(1)).hasMessageContaining("store.kafka.keys");
    assertThat(errors.get(2)).hasMessageContaining("store.kafka.keys").hasMessageContaining("key.converter");
    String data = "topics/orders/partition=0/orders+0+0000000001.snappy.parquet";
    assertThat(objects()).containsExactly("topics/orders/partition=0/orders+0+0000000001.headers.avro",
        "topics/orders/partition=0/orders+0+0000000001.keys.avro", data);
    assertThat(ParquetFiles.read(store.object(data))).extracting(r -> (Long) r.get("id"))
        .containsExactly(1L, 2L, 3L, 4L, 6L, 8L, 9L);
    List<GenericRecord> rows = ParquetFiles.read(store.object(data));
    List<Object> keys = SideFiles.avroRows(store.object("topics/orders/partition=0/orders+0+0000000001.keys.avro"));
    List<Object> headers = SideFiles.avroRows(
        store.object("topics/orders/partition=0/orders+0+0000000001.headers.avro"));
    assertThat(keys).hasSize(7);
    assertThat(headers).hasSize(7);
    for (int i = 0; i < rows.size(); i++) {
      long id = (Long) rows.get(i).get("id");
      assertThat(String.valueOf(keys.get(i))).isEqualTo("k" + id);
      assertHeaders((List<?>) headers.get(i), id);
    }
  }

  @Test
  void sideFilesAreVisibleBeforeTheirDataFile() {
    List<String> created = new ArrayList<>();
    ForwardingStore recording = new ForwardingStore(store) {
      @Override
      public boolean putIfAbsent(String key, byte[] data, ObjectOptions options) {
        boolean done = delegate.putIfAbsent(key, data, options);
        if (done && !key.contains("/_epochs/")) {
          created.add(key);
        }
        return done;
      }
    };
    try (SinkWriter writer = SinkWriters.create(new S3SinkConfig(props("parquet")), recording,
        new FakeSinkTaskContext(reporter), "test", clock)) {
      writer.put(orders(0, 20));
    }
    String base = "topics/orders/partition=0/orders+0+";
    assertThat(created).containsExactly(
        base + "0000000000.keys.avro", base + "0000000000.headers.avro", base + "0000000000.snappy.parquet",
        base + "0000000010.keys.avro", base + "0000000010.headers.avro", base + "0000000010.snappy.parquet");
  }

  @Test
  void anUntaggedMultipartSideFileOfAnEarlierAttemptIsTrustedThroughItsDataFileInTheMarker() throws Exception {
    // A store without object tagging (as s3proxy): a multipart object states only its first offset.
    ForwardingStore untagged = new ForwardingStore(store) {
      @Override
      public void tag(String key, Map<String, String> tags) {
      }

      @Override
      public Map<String, String> tags(String key) {
        return Map.of();
      }
    };
    CrashingStore crashing = new CrashingStore(untagged, CrashingStore.Point.AFTER_SIDE_FILE, 1);
    Map<String, String> props = props("parquet");
    props.put("store.kafka.headers", "false");
    props.put("flush.size", "60");
    props.put("avro.codec", "null");
    List<SinkRecord> records = new ArrayList<>();
    java.util.Random random = new java.util.Random(18);
    for (SinkRecord record : orders(0, 60)) {
      byte[] key = new byte[100 * 1024]; // 60 keys of 100 KiB: the keys file takes two parts of 5 MiB
      random.nextBytes(key);
      key[0] = (byte) record.kafkaOffset();
      records.add(withKey(record, Schema.BYTES_SCHEMA, key));
    }
    props.put("s3.part.size", Integer.toString(5 * 1024 * 1024));
    SinkWriter first = SinkWriters.create(new S3SinkConfig(props), crashing, new FakeSinkTaskContext(reporter),
        "first", clock);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.put(records))
        .isInstanceOf(CrashingStore.SimulatedCrash.class);
    String base = "topics/orders/partition=0/orders+0+0000000000";
    assertThat(objects()).as("the keys file is visible, its data file not yet").containsExactly(base + ".keys.avro");
    assertThat(store.metadata(base + ".keys.avro").orElseThrow()).as("a multipart object without its range tags")
        .containsOnlyKeys(FileRange.FIRST);

    FakeSinkTaskContext context = new FakeSinkTaskContext(reporter);
    try (SinkWriter second = SinkWriters.create(new S3SinkConfig(props), untagged, context, "second", clock)) {
      second.put(records);
      assertThat(second.committableOffsets().get(new org.apache.kafka.common.TopicPartition("orders", 0)).offset())
          .isEqualTo(60L);
    }
    assertThat(context.takeRewinds()).as("no collision, no rewind").isEmpty();
    assertThat(objects()).as("the replay kept the keys file (its data key is in the marker) and wrote the data file")
        .containsExactly(base + ".keys.avro", base + ".snappy.parquet");
    List<GenericRecord> rows = ParquetFiles.read(store.object(base + ".snappy.parquet"));
    List<Object> keys = SideFiles.avroRows(store.object(base + ".keys.avro"));
    assertThat(keys).hasSameSizeAs(rows).hasSize(60);
    for (int i = 0; i < rows.size(); i++) {
      long id = (Long) rows.get(i).get("id");
      assertThat(((ByteBuffer) keys.get(i)).get(0)).isEqualTo((byte) id);
    }
  }

  @Test
  void sideFilesCountTowardTheMemoryOfOpenFiles() {
    Map<String, String> without = props("parquet");
    without.put("store.kafka.keys", "false");
    without.put("store.kafka.headers", "false");
    long plain;
    try (SinkWriter writer = writer(without)) {
      writer.put(orders(0, 5));
      plain = writer.memoryBytes();
    }
    long withSides;
    try (SinkWriter writer = writer(props("parquet"))) {
      writer.put(orders(0, 5));
      withSides = writer.memoryBytes();
      assertThat(writer.openFiles()).isEqualTo(1);
    }
    // Two more writers, each with its fixed state (256 bytes) and its compact rows.
    assertThat(withSides).isGreaterThan(plain + 2 * 256);
  }
}
