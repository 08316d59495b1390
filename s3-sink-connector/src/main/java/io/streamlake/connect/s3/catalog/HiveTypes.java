package io.streamlake.connect.s3.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Hive column types (as Glue and Athena spell them) of what the sink writes.
 *
 * <p>Parquet and Avro files are written with an Avro schema (parquet-avro converts it), so their columns
 * come from that schema: {@code decimal(p,s)}, {@code date}, {@code timestamp} (timestamp-millis),
 * {@code binary}, {@code array<>}, {@code map<string,>}, {@code struct<>}; Hive has no time of day, so
 * time-millis is {@code int} (milliseconds of the day), as in the file. JSON lines hold only JSON numbers,
 * strings, booleans, arrays and objects, written from the Connect value: integers are {@code bigint},
 * floating point {@code double}, decimals {@code decimal(p,s)} (exact JSON numbers), timestamps
 * {@code bigint} (epoch milliseconds), dates {@code bigint} (epoch days), times {@code bigint}, bytes
 * {@code string} (base64), maps {@code map<string,>}. Column names are lower case, as Glue keeps them.
 */
public final class HiveTypes {

  /** Athena's (and Hive's) largest decimal precision. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  private HiveTypes() {}

  /** The columns of an Avro record schema (the schema of Parquet and Avro files). */
  public static List<HiveColumn> columns(Schema record) {
    List<HiveColumn> columns = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      columns.add(new HiveColumn(field.name().toLowerCase(Locale.ROOT), type(field.schema(), field.name())));
    }
    return columns;
  }

  /** The Hive type of an Avro schema. */
  public static String type(Schema schema, String context) {
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return decimal(decimal.getPrecision(), decimal.getScale(), context);
    }
    if (logical instanceof LogicalTypes.Date) {
      return "date";
    }
    if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
      return "timestamp";
    }
    return switch (schema.getType()) {
      case UNION -> nonNull(schema, context);
      case INT -> "int";
      case LONG -> "bigint";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case BOOLEAN -> "boolean";
      case STRING, ENUM -> "string";
      case BYTES, FIXED -> "binary";
      case ARRAY -> "array<" + type(schema.getElementType(), context) + ">";
      case MAP -> "map<string," + type(schema.getValueType(), context) + ">";
      case RECORD -> {
        StringJoiner fields = new StringJoiner(",", "struct<", ">");
        for (Schema.Field field : schema.getFields()) {
          fields.add(field.name().toLowerCase(Locale.ROOT) + ":" + type(field.schema(), context + "." + field.name()));
        }
        yield fields.toString();
      }
      case NULL -> throw new CatalogException("Field '" + context + "' is always null: Hive has no null type");
    };
  }

  private static String nonNull(Schema union, String context) {
    List<Schema> types = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    if (types.size() != 1) {
      throw new CatalogException("Field '" + context + "' is a union of " + types.size()
          + " types; Hive columns hold one type");
    }
    return type(types.get(0), context);
  }

  /** The columns of JSON lines written from values of a Connect struct schema. */
  public static List<HiveColumn> jsonColumns(org.apache.kafka.connect.data.Schema struct) {
    if (struct.type() != org.apache.kafka.connect.data.Schema.Type.STRUCT) {
      throw new CatalogException("JSON values of type " + struct.type() + " are not rows: a table needs structs");
    }
    List<HiveColumn> columns = new ArrayList<>();
    for (Field field : struct.fields()) {
      columns.add(new HiveColumn(field.name().toLowerCase(Locale.ROOT), jsonType(field.schema(), field.name())));
    }
    return columns;
  }

  /** The Hive type of a Connect schema as {@code JsonLinesFormat} writes its values. */
  public static String jsonType(org.apache.kafka.connect.data.Schema schema, String context) {
    String name = schema.name();
    if (Decimal.LOGICAL_NAME.equals(name)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      String precision = schema.parameters().get("connect.decimal.precision");
      return decimal(precision == null ? MAX_DECIMAL_PRECISION : Integer.parseInt(precision), scale, context);
    }
    if (Date.LOGICAL_NAME.equals(name) || Time.LOGICAL_NAME.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
      return "bigint";
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32, INT64 -> "bigint";
      case FLOAT32, FLOAT64 -> "double";
      case BOOLEAN -> "boolean";
      case STRING, BYTES -> "string";
      case ARRAY -> "array<" + jsonType(schema.valueSchema(), context) + ">";
      case MAP -> "map<string," + jsonType(schema.valueSchema(), context) + ">";
      case STRUCT -> {
        StringJoiner fields = new StringJoiner(",", "struct<", ">");
        for (Field field : schema.fields()) {
          fields.add(field.name().toLowerCase(Locale.ROOT) + ":" + jsonType(field.schema(), context + "." + field.name()));
        }
        yield fields.toString();
      }
    };
  }

  private static String decimal(int precision, int scale, String context) {
    if (precision > MAX_DECIMAL_PRECISION) {
      throw new CatalogException("Field '" + context + "' is decimal(" + precision + "," + scale + "); Athena and"
          + " Hive allow a precision of at most " + MAX_DECIMAL_PRECISION + " (set decimal.default.precision, or"
          + " the connect.decimal.precision of the schema, to 38 or less)");
    }
    return "decimal(" + precision + "," + scale + ")";
  }
}
