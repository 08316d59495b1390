package io.streamlake.connect.s3.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code store.envelope=true} end to end through the writer: records with every kind of key, header and timestamp,
 * a schema change and a tombstone are written as Parquet, Avro and JSON lines, read back, and every envelope field
 * of every row is compared, in offset order.
 */
class EnvelopeRowsTest {

  static final long T0 = 1_798_761_600_000L; // 2027-01-01T00:00:00Z
  static final Schema KEY_STRUCT = SchemaBuilder.struct().name("io.streamlake.test.OrderKey")
      .field("id", Schema.INT64_SCHEMA).build();
  private static final Pattern DATA_KEY = Pattern.compile(".*\\+(\\d+)\\+(\\d+)\\.[a-z0-9.]+$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final MutableClock clock = new MutableClock(T0);
  private final List<SinkRecord> reported = new ArrayList<>();
  private final ErrantRecordReporter reporter = (record, error) -> {
    reported.add(record);
    return CompletableFuture.completedFuture(null);
  };

  /** One expected row: the key as text/bytes/struct id, headers as (name, bytes), the value's id and channel. */
  record Expected(long offset, Object key, List<Map.Entry<String, byte[]>> headers, Long timestamp, Long id,
      String channel) {}

  static final long HOUR = 3_600_000L;

  static Map<String, String> props(String format) {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", format);
    props.put("flush.size", "1000");
    props.put("rotate.interval.ms", String.valueOf(HOUR));
    props.put("store.envelope", "true");
    props.put("behavior.on.null.values", "write");
    props.put("timestamp.extractor", "Wallclock"); // one record has no Kafka timestamp
    return props;
  }

  private SinkWriter writer(Map<String, String> props) {
    return SinkWriters.create(new S3SinkConfig(props), store, new FakeSinkTaskContext(reporter), "test", clock);
  }

  static SinkRecord record(long offset, Schema keySchema, Object key, Schema valueSchema, Object value,
      Long timestamp, org.apache.kafka.connect.header.Headers headers) {
    return new SinkRecord("orders", 0, keySchema, key, valueSchema, value, offset, timestamp,
        timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME, headers);
  }

  /** Keys (string, schemaless bytes, struct), headers (bytes, string, typed, repeated, null, none), a null timestamp,
   * a schema change at offset 3 and a tombstone at offset 4. */
  static List<SinkRecord> records() {
    List<SinkRecord> records = new ArrayList<>();
    records.add(record(0, Schema.STRING_SCHEMA, "k0", Orders.ORDER, Orders.order(0, T0), T0,
        new ConnectHeaders().addBytes("h-bytes", new byte[] {1, 2, 3})));
    records.add(record(1, null, new byte[] {9, 8}, Orders.ORDER, Orders.order(1, T0), T0 + 1,
        new ConnectHeaders().addString("trace", "abc")));
    records.add(record(2, KEY_STRUCT, new Struct(KEY_STRUCT).put("id", 2L), Orders.ORDER, Orders.order(2, T0), null,
        new ConnectHeaders().addInt("n", 42).addString("dup", "a").addString("dup", "b")
            .add("nul", null, Schema.OPTIONAL_STRING_SCHEMA)));
    SinkRecord v2 = Orders.recordV2("orders", 0, 3, T0 + 3);
    records.add(record(3, Schema.STRING_SCHEMA, "k3", v2.valueSchema(), v2.value(), T0 + 3, new ConnectHeaders()));
    records.add(record(4, Schema.STRING_SCHEMA, "k4", null, null, T0 + 4,
        new ConnectHeaders().addString("deleted", "yes")));
    SinkRecord v2b = Orders.recordV2("orders", 0, 5, T0 + 5);
    records.add(record(5, Schema.STRING_SCHEMA, "k5", v2b.valueSchema(), v2b.value(), T0 + 5, new ConnectHeaders()));
    return records;
  }

  static List<Expected> expected() {
    return List.of(
        new Expected(0, "k0", List.of(Map.entry("h-bytes", new byte[] {1, 2, 3})), T0, 0L, null),
        new Expected(1, new byte[] {9, 8}, List.of(Map.entry("trace", utf8("abc"))), T0 + 1, 1L, null),
        new Expected(2, 2L, List.of(Map.entry("n", utf8("42")), Map.entry("dup", utf8("a")),
            Map.entry("dup", utf8("b")), new java.util.AbstractMap.SimpleEntry<>("nul", null)), null, 2L, null),
        new Expected(3, "k3", List.of(), T0 + 3, 3L, "web"),
        new Expected(4, "k4", List.of(Map.entry("deleted", utf8("yes"))), T0 + 4, null, null),
        new Expected(5, "k5", List.of(), T0 + 5, 5L, "web"));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro", "json"})
  void everyEnvelopeFieldRoundTripsInOffsetOrder(String format) throws Exception {
    SinkWriter writer = writer(props(format));
    writer.put(records());
    flush(writer);
    assertThat(reported).isEmpty();
    List<String> keys = dataKeys();
    if (format.equals("json")) {
      assertThat(keys).containsExactly("topics/orders/partition=0/orders+0+0000000000.json");
    } else {
      // A new key schema (schemaless bytes, struct, string again) or value schema cuts a file; the tombstone
      // joins the file of offset 3 (it borrows that file's value schema).
      assertThat(keys).extracting(EnvelopeRowsTest::startOffset).containsExactly(0L, 1L, 2L, 3L);
    }
    List<Row> rows = rows(keys, format);
    assertThat(rows).hasSize(6);
    List<Expected> expected = expected();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      Expected want = expected.get(i);
      String at = format + " row " + i;
      assertThat(row.offset).as(at + " offset").isEqualTo(want.offset);
      assertThat(row.topic).as(at + " topic").isEqualTo("orders");
      assertThat(row.partition).as(at + " partition").isZero();
      assertThat(row.timestamp).as(at + " timestamp").isEqualTo(want.timestamp);
      if (want.key instanceof byte[] bytes) {
        assertThat((byte[]) row.key).as(at + " key").isEqualTo(bytes);
      } else {
        assertThat(row.key).as(at + " key").isEqualTo(want.key);
      }
      assertThat(row.valueId).as(at + " value").isEqualTo(want.id);
      assertThat(row.channel).as(at + " value channel").isEqualTo(want.channel);
      assertThat(row.headers).as(at + " headers").hasSize(want.headers.size());
      for (int h = 0; h < want.headers.size(); h++) {
        assertThat(row.headers.get(h).getKey()).as(at + " header " + h).isEqualTo(want.headers.get(h).getKey());
        assertThat(row.headers.get(h).getValue()).as(at + " header " + h).isEqualTo(want.headers.get(h).getValue());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro"})
  void aTombstoneOpeningAFileHasABytesValueAndTheNextRecordCuts(String format) throws Exception {
    SinkWriter writer = writer(props(format));
    List<SinkRecord> records = List.of(
        record(0, Schema.STRING_SCHEMA, "k0", null, null, T0, new ConnectHeaders()),
        record(1, Schema.STRING_SCHEMA, "k1", Orders.ORDER, Orders.order(1, T0), T0, new ConnectHeaders()),
        record(2, Schema.STRING_SCHEMA, "k2", null, null, T0, new ConnectHeaders()));
    writer.put(records);
    flush(writer);
    List<String> keys = dataKeys();
    assertThat(keys).extracting(EnvelopeRowsTest::startOffset).containsExactly(0L, 1L);
    org.apache.avro.Schema first = schemaOf(keys.get(0), format);
    assertThat(first.getField("value").schema().getTypes()).extracting(org.apache.avro.Schema::getType)
        .containsExactly(org.apache.avro.Schema.Type.NULL, org.apache.avro.Schema.Type.BYTES);
    org.apache.avro.Schema second = schemaOf(keys.get(1), format);
    assertThat(second.getField("value").schema().getTypes().get(1).getFullName()).isEqualTo("io.streamlake.test.Order");
    List<Row> rows = rows(keys, format);
    assertThat(rows).extracting(r -> r.offset).containsExactly(0L, 1L, 2L);
    assertThat(rows).extracting(r -> r.valueId).containsExactly(null, 1L, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro"})
  void schemalessValuesAndKeysAreReportedNamingTheOptions(String format) throws Exception {
    SinkWriter writer = writer(props(format));
    writer.put(List.of(
        record(0, Schema.STRING_SCHEMA, "k0", null, Map.of("id", 1L), T0, new ConnectHeaders()),
        record(1, null, Map.of("id", 1L), Orders.ORDER, Orders.order(1, T0), T0, new ConnectHeaders()),
        record(2, Schema.STRING_SCHEMA, "k2", Orders.ORDER, Orders.order(2, T0), T0, new ConnectHeaders())));
    flush(writer);
    assertThat(reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L, 1L);
    assertThat(rows(dataKeys(), format)).extracting(r -> r.offset).containsExactly(2L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro"})
  void schemalessErrorsNameTheOptions(String format) {
    io.streamlake.connect.s3.record.Envelopes envelopes = new io.streamlake.connect.s3.record.Envelopes(true, format);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> envelopes.row(
            record(7, Schema.STRING_SCHEMA, "k", null, Map.of("id", 1L), T0, new ConnectHeaders()), null))
        .isInstanceOf(org.apache.kafka.connect.errors.DataException.class)
        .hasMessageContaining("orders-0@7").hasMessageContaining("store.envelope")
        .hasMessageContaining("format.class=" + format).hasMessageContaining("value.converter");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> envelopes.row(
            record(8, null, 12L, Orders.ORDER, Orders.order(1, T0), T0, new ConnectHeaders()), null))
        .isInstanceOf(org.apache.kafka.connect.errors.DataException.class)
        .hasMessageContaining("store.envelope").hasMessageContaining("key.converter")
        .hasMessageContaining("java.lang.Long");
  }

  @org.junit.jupiter.api.Test
  void schemalessJsonIsAnEnvelopeObjectWithTheSameFields() throws Exception {
    SinkWriter writer = writer(props("json"));
    Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put("id", 1L);
    value.put("name", "x");
    writer.put(List.of(
        record(0, null, Map.of("k", 1L), null, value, T0, new ConnectHeaders().addBytes("b", new byte[] {7})),
        record(1, null, null, null, null, T0 + 1, new ConnectHeaders())));
    flush(writer);
    byte[] bytes = store.object(dataKeys().get(0));
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    assertThat(lines).containsExactly(
        "{\"key\":{\"k\":1},\"value\":{\"id\":1,\"name\":\"x\"},\"headers\":[{\"key\":\"b\",\"value\":\"Bw==\"}],"
            + "\"topic\":\"orders\",\"partition\":0,\"offset\":0,\"timestamp\":" + T0 + "}",
        "{\"key\":null,\"value\":null,\"headers\":[],\"topic\":\"orders\",\"partition\":0,\"offset\":1,"
            + "\"timestamp\":" + (T0 + 1) + "}");
  }

  /** schema.compatibility applies to the envelope: an older value schema is projected into the newer file. */
  @ParameterizedTest
  @ValueSource(strings = {"parquet", "avro"})
  void anOlderValueSchemaIsProjectedIntoTheEnvelopeFile(String format) throws Exception {
    Map<String, String> props = props(format);
    props.put("schema.compatibility", "BACKWARD");
    SinkWriter writer = writer(props);
    SinkRecord v2 = Orders.recordV2("orders", 0, 0, T0);
    writer.put(List.of(
        record(0, Schema.STRING_SCHEMA, "k0", v2.valueSchema(), v2.value(), T0, new ConnectHeaders()),
        record(1, Schema.STRING_SCHEMA, "k1", Orders.ORDER, Orders.order(1, T0), T0, new ConnectHeaders()),
        record(2, Schema.STRING_SCHEMA, "k2", null, null, T0, new ConnectHeaders())));
    flush(writer);
    assertThat(reported).isEmpty();
    assertThat(dataKeys()).hasSize(1);
    List<Row> rows = rows(dataKeys(), format);
    assertThat(rows).extracting(r -> r.valueId).containsExactly(0L, 1L, null);
    assertThat(rows).extracting(r -> r.channel).containsExactly("web", null, null);
    assertThat(rows).extracting(r -> r.key).containsExactly("k0", "k1", "k2");
  }

  /** A JSON file's catalog schemas: tombstones add none (their value schema is borrowed or absent). */
  @org.junit.jupiter.api.Test
  void jsonTombstonesAddNoSchemaToThePublishedFile() {
    List<Schema> published = new ArrayList<>();
    SinkWriter writer = SinkWriters.create(new S3SinkConfig(props("json")), store, new FakeSinkTaskContext(reporter),
        "test", clock, (topic, schema, encoded, key) -> published.add(schema));
    writer.put(List.of(
        record(0, Schema.STRING_SCHEMA, "k0", null, null, T0, new ConnectHeaders()),
        record(1, Schema.STRING_SCHEMA, "k1", Orders.ORDER, Orders.order(1, T0), T0, new ConnectHeaders()),
        record(2, Schema.STRING_SCHEMA, "k2", null, null, T0, new ConnectHeaders())));
    flush(writer);
    assertThat(dataKeys()).hasSize(1);
    assertThat(published).hasSize(1);
    assertThat(published.get(0).name()).isEqualTo("io.streamlake.connect.s3.Envelope");
    assertThat(published.get(0).field("value").schema().name()).isEqualTo(Orders.ORDER.name());
    assertThat(published.get(0).field("key").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
  }

  @org.junit.jupiter.api.Test
  void fieldPartitioningReadsTheValuesFieldNotTheEnvelopes() throws Exception {
    Map<String, String> props = props("parquet");
    props.put("partitioner.class", "field");
    props.put("partition.field.name", "customer");
    props.put("behavior.on.null.values", "fail");
    SinkWriter writer = writer(props);
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = 0; offset < 4; offset++) {
      records.add(record(offset, Schema.STRING_SCHEMA, "k" + offset, Orders.ORDER, Orders.order(offset, T0), T0,
          new ConnectHeaders()));
    }
    writer.put(records);
    flush(writer);
    assertThat(dataKeys()).containsExactly(
        "topics/orders/customer=customer-0/orders+0+0000000000.snappy.parquet",
        "topics/orders/customer=customer-1/orders+0+0000000001.snappy.parquet",
        "topics/orders/customer=customer-2/orders+0+0000000002.snappy.parquet",
        "topics/orders/customer=customer-3/orders+0+0000000003.snappy.parquet");
    GenericRecord row = ParquetFiles.read(store.object(dataKeys().get(2))).get(0);
    assertThat(row.getSchema().getFullName()).isEqualTo("io.streamlake.connect.s3.Envelope");
    assertThat(((GenericRecord) row.get("value")).get("customer").toString()).isEqualTo("customer-2");
    assertThat(row.get("offset")).isEqualTo(2L);
  }

  @org.junit.jupiter.api.Test
  void recordFieldTimestampsReadTheValue() throws Exception {
    Map<String, String> props = props("avro");
    props.put("partitioner.class", "time");
    props.put("path.format", "'day'=dd");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "RecordField");
    props.put("timestamp.field", "timestamp");
    SinkWriter writer = writer(props);
    writer.put(List.of(record(0, Schema.STRING_SCHEMA, "k0", Orders.ORDER, Orders.order(0, T0 + 86_400_000L), T0,
        new ConnectHeaders())));
    flush(writer);
    assertThat(dataKeys()).containsExactly("topics/orders/day=02/orders+0+0000000000.avro");
  }

  /** Cuts the open files the way an idle partition is cut: the wall clock passes rotate.interval.ms. */
  private void flush(SinkWriter writer) {
    clock.advance(HOUR);
    writer.put(List.of());
  }

  private List<String> dataKeys() {
    return store.keys().stream().filter(k -> !k.contains("/_epochs/"))
        .sorted(java.util.Comparator.comparingLong(EnvelopeRowsTest::startOffset)).toList();
  }

  static long startOffset(String key) {
    Matcher m = DATA_KEY.matcher(key);
    assertThat(m.matches()).as(key).isTrue();
    return Long.parseLong(m.group(2));
  }

  /** One envelope row, normalised across formats. */
  static final class Row {
    Object key;
    Long valueId;
    String channel;
    List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
    String topic;
    int partition;
    long offset;
    Long timestamp;
  }

  private org.apache.avro.Schema schemaOf(String key, String format) throws Exception {
    if (format.equals("parquet")) {
      return ParquetFiles.read(store.object(key)).get(0).getSchema();
    }
    try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(store.object(key)),
        new GenericDatumReader<>())) {
      return in.getSchema();
    }
  }

  List<Row> rows(List<String> keys, String format) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (String key : keys) {
      byte[] bytes = store.object(key);
      switch (format) {
        case "parquet" -> ParquetFiles.read(bytes).forEach(r -> rows.add(fromAvro(r)));
        case "avro" -> {
          try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(bytes),
              new GenericDatumReader<>())) {
            in.forEach(r -> rows.add(fromAvro(r)));
          }
        }
        default -> {
          for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            rows.add(fromJson(JSON.readTree(line)));
          }
        }
      }
    }
    return rows;
  }

  static Row fromAvro(GenericRecord record) {
    assertThat(record.getSchema().getFields()).extracting(org.apache.avro.Schema.Field::name)
        .containsExactly("key", "value", "headers", "topic", "partition", "offset", "timestamp");
    assertThat(record.getSchema().getFullName()).isEqualTo("io.streamlake.connect.s3.Envelope");
    Row row = new Row();
    Object key = record.get("key");
    row.key = key instanceof ByteBuffer buffer ? bytes(buffer) : key instanceof GenericRecord struct
        ? struct.get("id") : key == null ? null : key.toString();
    GenericRecord value = (GenericRecord) record.get("value");
    row.valueId = value == null ? null : (Long) value.get("id");
    row.channel = value == null || value.getSchema().getField("channel") == null || value.get("channel") == null
        ? null : value.get("channel").toString();
    for (Object item : (List<?>) record.get("headers")) {
      GenericRecord header = (GenericRecord) item;
      Object bytes = header.get("value");
      row.headers.add(new java.util.AbstractMap.SimpleEntry<>(header.get("key").toString(),
          bytes == null ? null : bytes((ByteBuffer) bytes)));
    }
    row.topic = record.get("topic").toString();
    row.partition = (Integer) record.get("partition");
    row.offset = (Long) record.get("offset");
    row.timestamp = (Long) record.get("timestamp");
    return row;
  }

  static Row fromJson(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("key", "value", "headers", "topic", "partition", "offset", "timestamp");
    Row row = new Row();
    JsonNode key = node.get("key");
    long offset = node.get("offset").asLong();
    // JSON holds bytes as base64 text: the test knows which key was bytes.
    row.key = key.isNull() ? null : key.isObject() ? (Object) key.get("id").asLong()
        : offset == 1 ? Base64.getDecoder().decode(key.asText()) : key.asText();
    JsonNode value = node.get("value");
    row.valueId = value.isNull() ? null : value.get("id").asLong();
    row.channel = value.isNull() || value.get("channel") == null ? null : value.get("channel").asText();
    for (Iterator<JsonNode> it = node.get("headers").elements(); it.hasNext();) {
      JsonNode header = it.next();
      row.headers.add(new java.util.AbstractMap.SimpleEntry<>(header.get("key").asText(),
          header.get("value").isNull() ? null : Base64.getDecoder().decode(header.get("value").asText())));
    }
    row.topic = node.get("topic").asText();
    row.partition = node.get("partition").asInt();
    row.offset = offset;
    row.timestamp = node.get("timestamp").isNull() ? null : node.get("timestamp").asLong();
    return row;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
