package io.streamlake.connect.s3.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * Decides how a table changes when files with another schema land, only in ways Athena reads old and new
 * files with: the table keeps every column it has, in order and with its type, and gains the new columns at
 * the end (old files read them as null); for Parquet and JSON a struct column may likewise gain fields at its
 * end ({@link NestedTypes}). A column whose type changed otherwise, other partition keys, another SerDe or
 * another location are incompatible: the table is left as it is.
 */
public final class TableEvolution {

  /** The outcome of a merge. */
  public sealed interface Outcome permits Unchanged, Changed, Incompatible {
  }

  /** The table already covers the schema. */
  public record Unchanged() implements Outcome {
  }

  /** The table to write (the existing one with new columns or properties); {@code added}: new or grown columns. */
  public record Changed(TableDefinition table, List<HiveColumn> added) implements Outcome {
  }

  /** Why the table cannot follow. */
  public record Incompatible(String reason) implements Outcome {
  }

  private TableEvolution() {}

  /**
   * @param existing the table as it is (from Glue, or merged so far)
   * @param wanted the table of the new schema as {@link TableBuilder} builds it
   */
  public static Outcome merge(TableDefinition existing, TableDefinition wanted) {
    String table = existing.database() + "." + existing.name();
    if (!existing.partitionKeys().equals(wanted.partitionKeys())) {
      return new Incompatible("table " + table + " has partition keys " + describe(existing.partitionKeys())
          + " but the sink writes " + describe(wanted.partitionKeys()) + " (partitioner.class, path.format,"
          + " partition.field.name); partition keys cannot change: drop the table or use another glue.table.name");
    }
    if (!existing.serde().library().equals(wanted.serde().library())) {
      return new Incompatible("table " + table + " is read with " + existing.serde().library() + " but the sink"
          + " writes " + wanted.serde().library() + " files (format.class)");
    }
    if (!existing.location().equals(wanted.location())) {
      return new Incompatible("table " + table + " is at " + existing.location() + " but the sink writes to "
          + wanted.location() + " (s3.bucket.name, topics.dir)");
    }
    Map<String, HiveColumn> have = new HashMap<>();
    existing.columns().forEach(c -> have.put(c.name(), c));
    List<HiveColumn> columns = new ArrayList<>(existing.columns());
    List<HiveColumn> added = new ArrayList<>();
    boolean avro = wanted.parameters().containsKey(TableBuilder.AVRO_LITERAL);
    for (HiveColumn column : wanted.columns()) {
      HiveColumn old = have.get(column.name());
      if (old == null) {
        columns.add(column);
        added.add(column);
      } else if (!old.type().equals(column.type())) {
        // Parquet and JSON are read by name: a struct may gain fields at its end. Avro tables read by their
        // literal, which is merged at the top level only.
        String merged = avro ? null : NestedTypes.merge(old.type(), column.type());
        if (merged == null) {
          return new Incompatible("column " + column.name() + " of table " + table + " is " + old.type()
              + " but the new schema makes it " + column.type() + "; Athena cannot read old and new files under"
              + " one type, so the table keeps " + old.type() + " (files with the new schema are still written)");
        }
        if (!merged.equals(old.type())) {
          HiveColumn widened = new HiveColumn(column.name(), merged);
          columns.set(columns.indexOf(old), widened);
          added.add(widened);
        }
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>(existing.parameters());
    parameters.putAll(wanted.parameters());
    TableDefinition.SerDe serde = wanted.serde();
    String literal = existing.parameters().get(TableBuilder.AVRO_LITERAL);
    if (literal != null && wanted.parameters().containsKey(TableBuilder.AVRO_LITERAL)) {
      try {
        String merged = mergeAvro(literal, wanted.parameters().get(TableBuilder.AVRO_LITERAL),
            added.stream().map(HiveColumn::name).collect(Collectors.toSet()));
        parameters.put(TableBuilder.AVRO_LITERAL, merged);
        Map<String, String> serdeParameters = new LinkedHashMap<>(serde.parameters());
        serdeParameters.put(TableBuilder.AVRO_LITERAL, merged);
        serde = new TableDefinition.SerDe(serde.library(), serdeParameters, serde.inputFormat(), serde.outputFormat());
      } catch (RuntimeException e) {
        return new Incompatible("the Avro schema of table " + table + " cannot take the new fields: " + e.getMessage());
      }
    }
    TableDefinition merged = existing.withColumns(columns, parameters, serde);
    return merged.sameContent(existing) ? new Unchanged() : new Changed(merged, added);
  }

  /**
   * The reader schema of old and new files: the existing record with the added fields at the end, each made
   * nullable with a null default (old files do not have them).
   */
  static String mergeAvro(String existingLiteral, String wantedLiteral, Set<String> addedLowerCase) {
    Schema existing = new Schema.Parser().parse(existingLiteral);
    Schema wanted = new Schema.Parser().parse(wantedLiteral);
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : existing.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    for (Schema.Field field : wanted.getFields()) {
      if (addedLowerCase.contains(field.name().toLowerCase(Locale.ROOT))) {
        fields.add(new Schema.Field(field.name(), nullable(field.schema()), field.doc(), JsonProperties.NULL_VALUE));
      }
    }
    Schema merged = Schema.createRecord(existing.getName(), existing.getDoc(), existing.getNamespace(), false, fields);
    String text = merged.toString();
    new Schema.Parser().parse(text); // named types of old and new fields must not clash
    return text;
  }

  private static Schema nullable(Schema schema) {
    List<Schema> types = new ArrayList<>();
    types.add(Schema.create(Schema.Type.NULL));
    if (schema.getType() == Schema.Type.UNION) {
      schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).forEach(types::add);
    } else {
      types.add(schema);
    }
    return Schema.createUnion(types);
  }

  private static String describe(List<HiveColumn> keys) {
    return keys.stream().map(k -> k.name() + " " + k.type()).collect(Collectors.joining(", ", "(", ")"));
  }
}
