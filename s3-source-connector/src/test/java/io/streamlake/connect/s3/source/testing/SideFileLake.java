package io.streamlake.connect.s3.source.testing;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.FakeSinkTaskContext;
import io.streamlake.connect.s3.testing.InMemoryObjectStore;
import io.streamlake.connect.s3.testing.MutableClock;
import io.streamlake.connect.s3.writer.SinkWriter;
import io.streamlake.connect.s3.writer.SinkWriters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A lake written by the sink's own writer (SinkWriters) with {@code store.kafka.keys} and {@code store.kafka.headers}
 * in one format (data, keys and headers files alike), so the source's readers are tested on exactly what the sink
 * writes. Topic {@code orders}, one data file per partition of {@link #ROWS} rows: partition 0 has optional string
 * keys (one null), partition 1 schemaless bytes keys (one null), partition 2 struct keys. Headers by offset: none,
 * a string and a bytes header, a repeated header with a null-valued one. JSON lines also stores tombstones
 * ({@code behavior.on.null.values=write}) every fifth row.
 */
public final class SideFileLake {

  public static final String TOPIC = "orders";
  public static final int PARTITIONS = 3;
  public static final int ROWS = 10;
  public static final long T0 = 1_798_761_600_000L; // 2027-01-01T00:00:00Z
  public static final Schema VALUE = SchemaBuilder.struct().name("io.streamlake.test.Order")
      .field("id", Schema.INT64_SCHEMA).field("note", Schema.OPTIONAL_STRING_SCHEMA).build();
  public static final Schema STRUCT_KEY = SchemaBuilder.struct().name("io.streamlake.test.OrderKey")
      .field("id", Schema.INT64_SCHEMA).field("region", Schema.OPTIONAL_STRING_SCHEMA).build();
  private static final byte[] RAW = {1, 2, 3, (byte) 0xff};

  private SideFileLake() {}

  /** The records the sink is given: per partition, offsets 0 to ROWS - 1. */
  public static List<SinkRecord> records(String format) {
    List<SinkRecord> records = new ArrayList<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      for (long offset = 0; offset < ROWS; offset++) {
        records.add(record(format, partition, offset));
      }
    }
    return records;
  }

  private static SinkRecord record(String format, int partition, long offset) {
    Schema keySchema;
    Object key;
    switch (partition) {
      case 0 -> {
        keySchema = Schema.OPTIONAL_STRING_SCHEMA;
        key = offset == 3 ? null : "k" + offset;
      }
      case 1 -> {
        keySchema = null;
        key = offset == 2 ? null : new byte[] {(byte) offset, (byte) 0x80, 0};
      }
      default -> {
        keySchema = STRUCT_KEY;
        key = new Struct(STRUCT_KEY).put("id", offset).put("region", offset % 2 == 0 ? null : "eu");
      }
    }
    boolean tombstone = "json".equals(format) && offset % 5 == 4;
    Schema valueSchema = tombstone ? null : VALUE;
    Object value = tombstone ? null
        : new Struct(VALUE).put("id", partition * 1000L + offset).put("note", offset % 3 == 0 ? null : "n" + offset);
    return new SinkRecord(TOPIC, partition, keySchema, key, valueSchema, value, offset, T0 + offset,
        TimestampType.CREATE_TIME, headers(offset));
  }

  private static ConnectHeaders headers(long offset) {
    ConnectHeaders headers = new ConnectHeaders();
    switch ((int) (offset % 3)) {
      case 1 -> {
        headers.addString("trace", "t" + offset);
        headers.addBytes("raw", RAW);
      }
      case 2 -> {
        headers.addString("seen", "a");
        headers.addString("seen", "b");
        headers.addInt("n", (int) offset);
        headers.add("nothing", null, Schema.OPTIONAL_STRING_SCHEMA);
      }
      default -> { } // no headers
    }
    return headers;
  }

  /**
   * The headers a reader gives back for a record: key and the UTF-8 bytes of the text Confluent's layout stores
   * (Values.convertToString; a bytes value as base64 text), in record order.
   */
  public static List<Map.Entry<String, String>> expectedHeaders(SinkRecord record) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Header header : record.headers()) {
      out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(header.key(),
          Values.convertToString(header.schema(), header.value())));
    }
    return out;
  }

  /** A header value's bytes as text (null stays null), to compare with {@link #expectedHeaders}. */
  public static String text(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** Writes the records through the sink's writer with side files in {@code format}; returns the store. */
  public static InMemoryObjectStore write(String format) throws Exception {
    return write(format, ROWS);
  }

  /** As {@link #write(String)}, {@code flushSize} records a data file (a divisor of ROWS: every file is full). */
  public static InMemoryObjectStore write(String format, int flushSize) throws Exception {
    InMemoryObjectStore store = new InMemoryObjectStore();
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "lake");
    props.put("format.class", format);
    props.put("flush.size", Integer.toString(flushSize));
    props.put("store.kafka.keys", "true");
    props.put("store.kafka.headers", "true");
    props.put("keys.format.class", format);
    props.put("headers.format.class", format);
    if ("json".equals(format)) {
      props.put("behavior.on.null.values", "write");
    }
    List<Throwable> errors = new ArrayList<>();
    ErrantRecordReporter reporter = (record, error) -> {
      errors.add(error);
      return CompletableFuture.completedFuture(null);
    };
    try (SinkWriter writer = SinkWriters.create(new S3SinkConfig(props), store, new FakeSinkTaskContext(reporter),
        "side-file-lake", new MutableClock(T0))) {
      writer.put(records(format));
    }
    if (!errors.isEmpty()) {
      throw new AssertionError("the sink reported records: " + errors);
    }
    return store;
  }
}
