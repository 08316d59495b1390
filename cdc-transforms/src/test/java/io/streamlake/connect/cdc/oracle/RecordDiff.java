package io.streamlake.connect.cdc.oracle;

import io.streamlake.connect.cdc.fixtures.Schemaless;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;

/** Compares two transformation results field by field and says what differs. */
public final class RecordDiff {

  private RecordDiff() {}

  /** {@code null} when equal (topic, partition, key and value with their schemas, timestamp, headers). */
  public static String withSchemas(ConnectRecord<?> expected, ConnectRecord<?> actual) {
    if (expected == null || actual == null) {
      return expected == actual ? null : "expected " + brief(expected) + " but got " + brief(actual);
    }
    List<String> out = new ArrayList<>();
    check(out, "topic", expected.topic(), actual.topic());
    check(out, "partition", expected.kafkaPartition(), actual.kafkaPartition());
    check(out, "keySchema", expected.keySchema(), actual.keySchema());
    check(out, "key", expected.key(), actual.key());
    check(out, "valueSchema", expected.valueSchema(), actual.valueSchema());
    check(out, "value", expected.value(), actual.value());
    check(out, "timestamp", expected.timestamp(), actual.timestamp());
    check(out, "headers", headers(expected, true), headers(actual, true));
    return out.isEmpty() ? null : String.join("; ", out);
  }

  /** Like {@link #withSchemas}, but compares plain (schemaless) forms of key, value and headers only. */
  public static String plain(ConnectRecord<?> expected, ConnectRecord<?> actual) {
    if (expected == null || actual == null) {
      return expected == actual ? null : "expected " + brief(expected) + " but got " + brief(actual);
    }
    List<String> out = new ArrayList<>();
    check(out, "topic", expected.topic(), actual.topic());
    check(out, "key", Schemaless.plain(expected.key()), actual.key());
    check(out, "value", Schemaless.plain(expected.value()), actual.value());
    check(out, "timestamp", expected.timestamp(), actual.timestamp());
    check(out, "headers", headers(expected, false), headers(actual, false));
    return out.isEmpty() ? null : String.join("; ", out);
  }

  private record HeaderView(String key, Object value, Schema schema) {}

  private static List<HeaderView> headers(ConnectRecord<?> record, boolean withSchemas) {
    List<HeaderView> out = new ArrayList<>();
    for (Header header : record.headers()) {
      out.add(new HeaderView(header.key(), withSchemas ? header.value() : Schemaless.plain(header.value()),
          withSchemas ? header.schema() : null));
    }
    return out;
  }

  private static void check(List<String> out, String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      out.add(what + ": expected <" + expected + "> but got <" + actual + ">");
    }
  }

  private static String brief(ConnectRecord<?> record) {
    return record == null ? "no record (dropped)" : "a record with value " + record.value();
  }
}
