package io.streamlake.connect.cdc.config;

import io.streamlake.common.config.Choices;
import io.streamlake.connect.cdc.envelope.MetadataField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Options of {@code ExtractNewRecordState}; names and defaults are Debezium's, validated in the constructor. */
public final class ExtractNewRecordStateConfig {

  private static final Logger LOG = LoggerFactory.getLogger(ExtractNewRecordStateConfig.class);

  public static final String DELETE_TOMBSTONE_HANDLING_MODE_CONFIG = "delete.tombstone.handling.mode";
  public static final String DELETE_TOMBSTONE_HANDLING_MODE_DEFAULT = DeleteTombstoneHandling.TOMBSTONE.wireName();
  public static final String DELETE_TOMBSTONE_HANDLING_MODE_DOC = "How delete events and tombstones are handled. "
      + "drop: drop both. tombstone (default): a delete becomes a record with a null value, tombstones are dropped. "
      + "rewrite: a delete becomes its 'before' row with __deleted=true, creates/updates get __deleted=false, "
      + "tombstones are dropped. rewrite-with-tombstone: like rewrite, but tombstones are kept. "
      + "delete-to-tombstone: a delete becomes a tombstone (null value and value schema), tombstones are dropped. "
      + "When set, it wins over drop.tombstones and delete.handling.mode; when neither it nor a legacy option "
      + "is set, tombstone applies.";

  public static final String DROP_TOMBSTONES_CONFIG = "drop.tombstones";
  public static final boolean DROP_TOMBSTONES_DEFAULT = true;
  public static final String DROP_TOMBSTONES_DOC = "Legacy (Debezium 2.x; ignored by Debezium 3.x, honoured here): "
      + "drop incoming tombstones. Used only when delete.tombstone.handling.mode is not set and this option or "
      + "delete.handling.mode is.";

  public static final String DELETE_HANDLING_MODE_CONFIG = "delete.handling.mode";
  public static final String DELETE_HANDLING_MODE_DEFAULT = LegacyDeleteHandling.DROP.wireName();
  public static final String DELETE_HANDLING_MODE_DOC = "Legacy (Debezium 2.x; ignored by Debezium 3.x, honoured "
      + "here): drop: delete events are dropped (default). none: a delete becomes a record with a null value. "
      + "rewrite: a delete becomes its 'before' row with __deleted=true, creates/updates get __deleted=false. "
      + "Used only when delete.tombstone.handling.mode is not set and this option or drop.tombstones is.";

  public static final String ADD_FIELDS_CONFIG = "add.fields";
  public static final String ADD_FIELDS_DEFAULT = "";
  public static final String ADD_FIELDS_DOC = "Envelope values to add to the row, as [struct.]field[:newName]. "
      + "'op,source.ts_ms,lsn,transaction.id' adds __op, __source_ts_ms, __lsn (unqualified names other than "
      + "op/ts_ms/ts_us/ts_ns and the transaction fields id/total_order/data_collection_order are read from "
      + "source) and __transaction_id. ':newName' renames; names are case-sensitive. Values missing from the "
      + "envelope are skipped.";

  public static final String ADD_FIELDS_PREFIX_CONFIG = "add.fields.prefix";
  public static final String ADD_FIELDS_PREFIX_DEFAULT = "__";
  public static final String ADD_FIELDS_PREFIX_DOC = "Prefix of every name generated from add.fields.";

  public static final String ADD_HEADERS_CONFIG = "add.headers";
  public static final String ADD_HEADERS_DEFAULT = "";
  public static final String ADD_HEADERS_DOC = "Envelope values to add as headers, same syntax as add.fields. "
      + "Tombstones get only the op header, with value 'd'.";

  public static final String ADD_HEADERS_PREFIX_CONFIG = "add.headers.prefix";
  public static final String ADD_HEADERS_PREFIX_DEFAULT = "__";
  public static final String ADD_HEADERS_PREFIX_DOC = "Prefix of every header name generated from add.headers.";

  public static final String ROUTE_BY_FIELD_CONFIG = "route.by.field";
  public static final String ROUTE_BY_FIELD_DEFAULT = "";
  public static final String ROUTE_BY_FIELD_DOC = "Row field whose value becomes the record's topic (read from "
      + "'after', or from 'before' for deletes). A null or blank value keeps the topic.";

  public static final String DROP_FIELDS_HEADER_NAME_CONFIG = "drop.fields.header.name";
  public static final String DROP_FIELDS_HEADER_NAME_DEFAULT = "";
  public static final String DROP_FIELDS_HEADER_NAME_DOC = "Name of a header holding a list of field names to "
      + "remove from the row (and from the key with drop.fields.from.key).";

  public static final String DROP_FIELDS_FROM_KEY_CONFIG = "drop.fields.from.key";
  public static final boolean DROP_FIELDS_FROM_KEY_DEFAULT = false;
  public static final String DROP_FIELDS_FROM_KEY_DOC = "Also remove the fields named by drop.fields.header.name "
      + "from the key.";

  public static final String DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_CONFIG = "drop.fields.keep.schema.compatible";
  public static final boolean DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DEFAULT = true;
  public static final String DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DOC = "true: remove only fields whose schema is "
      + "optional, so the result stays compatible with the full schema. false: remove every named field.";

  public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
  public static final boolean REPLACE_NULL_WITH_DEFAULT_DEFAULT = true;
  public static final String REPLACE_NULL_WITH_DEFAULT_DOC = "When a row is rebuilt (rewrite modes, dropped "
      + "fields), a null field value becomes the field's schema default. false keeps the null.";

  public static final String DELETED_FIELD_TYPE_CONFIG = "deleted.field.type";
  public static final String DELETED_FIELD_TYPE_DEFAULT = DeletedFieldType.STRING.wireName();
  public static final String DELETED_FIELD_TYPE_DOC = "Type of the __deleted field in rewrite modes. string: "
      + "optional string 'true'/'false' as Debezium writes it. boolean: optional boolean (not a Debezium option).";

  /** Name of the flag field added in rewrite modes. */
  public static final String DELETED_FIELD = "__deleted";

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG, Type.STRING, DELETE_TOMBSTONE_HANDLING_MODE_DEFAULT,
          Choices.validatorAllowingBlank(DeleteTombstoneHandling.class), Importance.MEDIUM,
          DELETE_TOMBSTONE_HANDLING_MODE_DOC)
      .define(DROP_TOMBSTONES_CONFIG, Type.BOOLEAN, DROP_TOMBSTONES_DEFAULT, Importance.LOW, DROP_TOMBSTONES_DOC)
      .define(DELETE_HANDLING_MODE_CONFIG, Type.STRING, DELETE_HANDLING_MODE_DEFAULT,
          Choices.validator(LegacyDeleteHandling.class), Importance.LOW, DELETE_HANDLING_MODE_DOC)
      .define(ADD_FIELDS_CONFIG, Type.LIST, ADD_FIELDS_DEFAULT, Importance.LOW, ADD_FIELDS_DOC)
      .define(ADD_FIELDS_PREFIX_CONFIG, Type.STRING, ADD_FIELDS_PREFIX_DEFAULT, Importance.LOW,
          ADD_FIELDS_PREFIX_DOC)
      .define(ADD_HEADERS_CONFIG, Type.LIST, ADD_HEADERS_DEFAULT, Importance.LOW, ADD_HEADERS_DOC)
      .define(ADD_HEADERS_PREFIX_CONFIG, Type.STRING, ADD_HEADERS_PREFIX_DEFAULT, Importance.LOW,
          ADD_HEADERS_PREFIX_DOC)
      .define(ROUTE_BY_FIELD_CONFIG, Type.STRING, ROUTE_BY_FIELD_DEFAULT, Importance.LOW, ROUTE_BY_FIELD_DOC)
      .define(DROP_FIELDS_HEADER_NAME_CONFIG, Type.STRING, DROP_FIELDS_HEADER_NAME_DEFAULT, Importance.LOW,
          DROP_FIELDS_HEADER_NAME_DOC)
      .define(DROP_FIELDS_FROM_KEY_CONFIG, Type.BOOLEAN, DROP_FIELDS_FROM_KEY_DEFAULT, Importance.LOW,
          DROP_FIELDS_FROM_KEY_DOC)
      .define(DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_CONFIG, Type.BOOLEAN, DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DEFAULT,
          Importance.LOW, DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DOC)
      .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, Type.BOOLEAN, REPLACE_NULL_WITH_DEFAULT_DEFAULT, Importance.LOW,
          REPLACE_NULL_WITH_DEFAULT_DOC)
      .define(DELETED_FIELD_TYPE_CONFIG, Type.STRING, DELETED_FIELD_TYPE_DEFAULT,
          Choices.validator(DeletedFieldType.class), Importance.LOW, DELETED_FIELD_TYPE_DOC);

  private final DeletePolicy deletePolicy;
  private final List<MetadataField> addFields;
  private final List<MetadataField> addHeaders;
  private final String routeByField;
  private final String dropFieldsHeaderName;
  private final boolean dropFieldsFromKey;
  private final boolean dropFieldsKeepSchemaCompatible;
  private final boolean replaceNullWithDefault;
  private final DeletedFieldType deletedFieldType;

  /**
   * Parses and validates.
   *
   * @throws ConfigException naming the option and its accepted values
   */
  public ExtractNewRecordStateConfig(Map<String, ?> originals) {
    AbstractConfig parsed = new AbstractConfig(CONFIG_DEF, originals, false);
    this.deletePolicy = resolveDeletePolicy(parsed, originals);
    this.addFields = fields(parsed, ADD_FIELDS_CONFIG, ADD_FIELDS_PREFIX_CONFIG);
    this.addHeaders = fields(parsed, ADD_HEADERS_CONFIG, ADD_HEADERS_PREFIX_CONFIG);
    this.routeByField = blankToNull(parsed.getString(ROUTE_BY_FIELD_CONFIG));
    this.dropFieldsHeaderName = blankToNull(parsed.getString(DROP_FIELDS_HEADER_NAME_CONFIG));
    this.dropFieldsFromKey = parsed.getBoolean(DROP_FIELDS_FROM_KEY_CONFIG);
    this.dropFieldsKeepSchemaCompatible = parsed.getBoolean(DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_CONFIG);
    this.replaceNullWithDefault = parsed.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    this.deletedFieldType = Choices.parse(DeletedFieldType.class, DELETED_FIELD_TYPE_CONFIG,
        parsed.getString(DELETED_FIELD_TYPE_CONFIG));
  }

  /**
   * Debezium's precedence: a non-blank {@code delete.tombstone.handling.mode} wins; otherwise the legacy pair
   * applies when either of its options is set (the unset one takes its legacy default); otherwise the current
   * default {@code tombstone}.
   */
  private static DeletePolicy resolveDeletePolicy(AbstractConfig parsed, Map<String, ?> originals) {
    boolean currentSet = isSet(originals, DELETE_TOMBSTONE_HANDLING_MODE_CONFIG);
    boolean legacySet = isSet(originals, DROP_TOMBSTONES_CONFIG) || isSet(originals, DELETE_HANDLING_MODE_CONFIG);
    if (currentSet || !legacySet) {
      if (currentSet && legacySet) {
        LOG.warn("{} is set, so {} and {} are ignored", DELETE_TOMBSTONE_HANDLING_MODE_CONFIG,
            DROP_TOMBSTONES_CONFIG, DELETE_HANDLING_MODE_CONFIG);
      }
      String mode = currentSet ? parsed.getString(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG)
          : DELETE_TOMBSTONE_HANDLING_MODE_DEFAULT;
      return DeletePolicy.of(
          Choices.parse(DeleteTombstoneHandling.class, DELETE_TOMBSTONE_HANDLING_MODE_CONFIG, mode));
    }
    return DeletePolicy.ofLegacy(parsed.getBoolean(DROP_TOMBSTONES_CONFIG), Choices.parse(
        LegacyDeleteHandling.class, DELETE_HANDLING_MODE_CONFIG, parsed.getString(DELETE_HANDLING_MODE_CONFIG)));
  }

  private static boolean isSet(Map<String, ?> originals, String key) {
    Object value = originals.get(key);
    return value != null && !value.toString().isBlank();
  }

  private static List<MetadataField> fields(AbstractConfig parsed, String listKey, String prefixKey) {
    String prefix = parsed.getString(prefixKey);
    List<MetadataField> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (String spec : parsed.getList(listKey)) {
      if (spec.isBlank()) {
        continue;
      }
      MetadataField field;
      try {
        field = MetadataField.parse(prefix, spec);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(listKey, spec, e.getMessage());
      }
      String earlier = seen.putIfAbsent(field.outputName(), spec);
      if (earlier != null) {
        throw new ConfigException(listKey + " with " + prefixKey, parsed.getList(listKey),
            "'" + earlier + "' and '" + spec + "' both produce the name '" + field.outputName() + "'");
      }
      out.add(field);
    }
    return List.copyOf(out);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  public DeletePolicy deletePolicy() {
    return deletePolicy;
  }

  public List<MetadataField> addFields() {
    return addFields;
  }

  public List<MetadataField> addHeaders() {
    return addHeaders;
  }

  /** The routing field, or {@code null} when routing is off. */
  public String routeByField() {
    return routeByField;
  }

  /** The header naming fields to drop, or {@code null} when dropping is off. */
  public String dropFieldsHeaderName() {
    return dropFieldsHeaderName;
  }

  public boolean dropFieldsFromKey() {
    return dropFieldsFromKey;
  }

  public boolean dropFieldsKeepSchemaCompatible() {
    return dropFieldsKeepSchemaCompatible;
  }

  public boolean replaceNullWithDefault() {
    return replaceNullWithDefault;
  }

  public DeletedFieldType deletedFieldType() {
    return deletedFieldType;
  }
}
