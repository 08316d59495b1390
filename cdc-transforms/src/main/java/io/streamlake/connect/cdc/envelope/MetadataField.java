package io.streamlake.connect.cdc.envelope;

import java.util.Set;

/**
 * One entry of {@code add.fields} or {@code add.headers}: which envelope value to copy and under which name.
 *
 * <p>Spec syntax: {@code [struct.]field[:newName]}. A qualified name ({@code source.ts_ms}) reads from that
 * nested struct and is named {@code prefix + struct + "_" + field}. An unqualified name reads from the top level
 * for {@code op}, {@code ts_ms}, {@code ts_us}, {@code ts_ns}; from {@code transaction} for {@code id},
 * {@code total_order}, {@code data_collection_order}; from {@code updateDescription} for itself; and from
 * {@code source} for everything else, and is named {@code prefix + field}. {@code :newName} replaces the
 * generated name (the prefix is still applied). When the field is not in the nested struct it is looked up at
 * the envelope's top level (where another SMT may have put it).
 *
 * @param struct nested struct holding the field, or {@code null} for the envelope's top level
 * @param field field name inside {@code struct}
 * @param outputName name of the added field or header
 */
public record MetadataField(String struct, String field, String outputName) {

  static final String OP = "op";
  private static final Set<String> TOP_LEVEL = Set.of(OP, "ts_ms", "ts_us", "ts_ns");
  private static final Set<String> TRANSACTION = Set.of("id", "total_order", "data_collection_order");
  private static final String UPDATE_DESCRIPTION = "updateDescription";

  /**
   * Parses one spec.
   *
   * @throws IllegalArgumentException when the spec is malformed (the caller names the option)
   */
  public static MetadataField parse(String prefix, String spec) {
    String trimmed = spec.trim();
    String[] rename = trimmed.split(":", -1);
    if (rename.length > 2 || rename[0].isBlank() || (rename.length == 2 && rename[1].isBlank())) {
      throw new IllegalArgumentException("'" + spec + "' is not of the form [struct.]field[:newName]");
    }
    String[] path = rename[0].trim().split("\\.", -1);
    if (path.length > 2 || path[0].isBlank() || (path.length == 2 && path[1].isBlank())) {
      throw new IllegalArgumentException("'" + spec + "' names more than one nesting level or an empty name");
    }
    String field = path[path.length - 1];
    String struct = path.length == 2 ? path[0] : defaultStruct(field);
    String generated = path.length == 2 ? struct + "_" + field : field;
    return new MetadataField(struct, field, prefix + (rename.length == 2 ? rename[1].trim() : generated));
  }

  /**
   * Whether this names the operation code, the only value a tombstone header can carry. Like Debezium, only the
   * field name counts.
   */
  public boolean isOperation() {
    return OP.equals(field);
  }

  private static String defaultStruct(String field) {
    if (TOP_LEVEL.contains(field)) {
      return null;
    }
    if (TRANSACTION.contains(field)) {
      return "transaction";
    }
    return UPDATE_DESCRIPTION.equals(field) ? UPDATE_DESCRIPTION : "source";
  }
}
