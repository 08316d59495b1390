package io.streamlake.connect.cdc;

import io.streamlake.common.Version;
import io.streamlake.connect.cdc.config.DeletePolicy;
import io.streamlake.connect.cdc.config.DeletedFieldType;
import io.streamlake.connect.cdc.config.ExtractNewRecordStateConfig;
import io.streamlake.connect.cdc.envelope.ChangeEvent;
import io.streamlake.connect.cdc.envelope.FieldDropper;
import io.streamlake.connect.cdc.envelope.MetadataField;
import io.streamlake.connect.cdc.envelope.RecordRouter;
import io.streamlake.connect.cdc.envelope.RowEditor;
import io.streamlake.connect.cdc.envelope.RowEditor.Addition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Replaces a Debezium change event by its row state, with Debezium's {@code ExtractNewRecordState} option names
 * and behaviour and without any Debezium jar. Records that are not change events pass through unchanged;
 * truncate events (no before, no after) are dropped; tombstones and deletes follow the {@link DeletePolicy}.
 */
public class ExtractNewRecordState<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

  private ExtractNewRecordStateConfig config;
  private RowEditor editor;
  private RecordRouter router;
  private FieldDropper dropper;

  @Override
  public void configure(Map<String, ?> configs) {
    config = new ExtractNewRecordStateConfig(configs);
    editor = new RowEditor(config.replaceNullWithDefault());
    router = new RecordRouter(config.routeByField());
    dropper = new FieldDropper(config.dropFieldsHeaderName(), config.dropFieldsFromKey(),
        config.dropFieldsKeepSchemaCompatible(), editor);
  }

  @Override
  public R apply(R record) {
    if (record.value() == null) {
      return tombstone(record);
    }
    Optional<ChangeEvent> parsed = ChangeEvent.of(record);
    if (parsed.isEmpty()) {
      return record;
    }
    ChangeEvent event = parsed.get();
    Headers headers = headersWith(record, event);
    if (event.after().value() == null && event.before().value() == null) {
      return null; // truncate (or an event with neither row): Debezium drops it
    }
    return event.after().value() == null ? delete(record, event, headers) : upsert(record, event, headers);
  }

  private R tombstone(R record) {
    if (!config.deletePolicy().keepTombstones()) {
      return null;
    }
    Headers headers = new ConnectHeaders(record.headers());
    for (MetadataField field : config.addHeaders()) {
      if (field.isOperation()) {
        headers.addString(field.outputName(), "d");
      }
    }
    return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
        record.valueSchema(), null, record.timestamp(), headers);
  }

  private R delete(R record, ChangeEvent event, Headers headers) {
    DeletePolicy policy = config.deletePolicy();
    SchemaAndValue row = switch (policy.onDelete()) {
      case DROP -> null;
      case NULL_VALUE -> new SchemaAndValue(event.after().schema(), null);
      case TOMBSTONE -> SchemaAndValue.NULL;
      case REWRITE -> deletedFlag(event.before(), true);
    };
    if (row == null) {
      return null;
    }
    String topic = router.topic(record, event.before());
    List<String> drop = dropper.namesFor(record, headers);
    SchemaAndValue key = dropper.key(new SchemaAndValue(record.keySchema(), record.key()), drop);
    row = dropper.value(row, drop);
    if (row.value() != null) {
      row = addFields(row, event);
    }
    return record.newRecord(topic, record.kafkaPartition(), key.schema(), key.value(), row.schema(), row.value(),
        record.timestamp(), headers);
  }

  private R upsert(R record, ChangeEvent event, Headers headers) {
    SchemaAndValue row = config.deletePolicy().rewrite() ? deletedFlag(event.after(), false) : event.after();
    String topic = router.topic(record, row);
    row = addFields(row, event);
    List<String> drop = dropper.namesFor(record, headers);
    SchemaAndValue key = dropper.key(new SchemaAndValue(record.keySchema(), record.key()), drop);
    row = dropper.value(row, drop);
    return record.newRecord(topic, record.kafkaPartition(), key.schema(), key.value(), row.schema(), row.value(),
        record.timestamp(), headers);
  }

  private SchemaAndValue deletedFlag(SchemaAndValue row, boolean deleted) {
    boolean asBoolean = config.deletedFieldType() == DeletedFieldType.BOOLEAN;
    SchemaAndValue flag = asBoolean
        ? new SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, deleted)
        : new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, Boolean.toString(deleted));
    if (row.schema() == null) {
      flag = new SchemaAndValue(null, flag.value());
    }
    return editor.withFields(row, List.of(new Addition(ExtractNewRecordStateConfig.DELETED_FIELD, flag)), true);
  }

  /**
   * The row with the {@code add.fields} values. Like Debezium, a Struct row is always rebuilt, even with nothing to
   * add, so its schema is the required copy every other rebuilt row has.
   */
  private SchemaAndValue addFields(SchemaAndValue row, ChangeEvent event) {
    List<Addition> additions = new ArrayList<>();
    for (MetadataField field : config.addFields()) {
      event.metadata(field).ifPresent(value -> additions.add(new Addition(field.outputName(), value)));
    }
    return editor.withFields(row, additions, false);
  }

  /** A copy of the record's headers plus those of {@code add.headers}; the record's own headers are untouched. */
  private Headers headersWith(R record, ChangeEvent event) {
    Headers headers = new ConnectHeaders(record.headers());
    for (MetadataField field : config.addHeaders()) {
      event.metadata(field).ifPresent(value -> headers.add(field.outputName(), value));
    }
    return headers;
  }

  /** The bundle version, shown by the worker's plugin listing. */
  @Override
  public String version() {
    return Version.of(getClass());
  }

  @Override
  public ConfigDef config() {
    return ExtractNewRecordStateConfig.CONFIG_DEF;
  }

  @Override
  public void close() {
    // Nothing to release: caches are per instance and collected with it.
  }
}
