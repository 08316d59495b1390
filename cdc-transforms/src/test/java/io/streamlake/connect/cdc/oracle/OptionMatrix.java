package io.streamlake.connect.cdc.oracle;

import io.streamlake.connect.cdc.fixtures.Envelopes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The option combinations the oracle tests run: every delete mode crossed with the other options. */
final class OptionMatrix {

  static final List<String> CURRENT_MODES =
      List.of("drop", "tombstone", "rewrite", "rewrite-with-tombstone", "delete-to-tombstone");

  private OptionMatrix() {}

  /** add.fields settings: none, qualified and unqualified names (incl. transaction.*), renames with a prefix. */
  static List<Map<String, String>> addFields() {
    return List.of(
        Map.of(),
        Map.of("add.fields", "op,source.ts_ms,table,lsn,ts_ms,ts_us,ts_ns,transaction.id,total_order,snapshot"),
        Map.of("add.fields", "op:operation,source.db:database,version,data_collection_order:dco",
            "add.fields.prefix", "meta_"));
  }

  /** add.headers settings. */
  static List<Map<String, String>> addHeaders() {
    return List.of(
        Map.of(),
        Map.of("add.headers", "op,source.ts_ms,db,transaction.total_order,ts_ns"),
        Map.of("add.headers", "op:operation,name", "add.headers.prefix", "", "replace.null.with.default", "true"));
  }

  static List<Map<String, String>> routes() {
    return List.of(Map.of(), Map.of("route.by.field", "route"));
  }

  /** drop.fields.* settings. */
  static List<Map<String, String>> drops(boolean all) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(Map.of());
    for (String fromKey : List.of("false", "true")) {
      for (String compatible : List.of("true", "false")) {
        if (all || fromKey.equals(compatible)) {
          out.add(Map.of("drop.fields.header.name", Envelopes.DROP_HEADER, "drop.fields.from.key", fromKey,
              "drop.fields.keep.schema.compatible", compatible));
        }
      }
    }
    return out;
  }

  /** The cross product of {@code base} with each dimension. */
  @SafeVarargs
  static List<Map<String, String>> cross(List<Map<String, String>> base, List<Map<String, String>>... dims) {
    List<Map<String, String>> out = base;
    for (List<Map<String, String>> dim : dims) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> left : out) {
        for (Map<String, String> right : dim) {
          Map<String, String> merged = new LinkedHashMap<>(left);
          merged.putAll(right);
          next.add(merged);
        }
      }
      out = next;
    }
    return out;
  }

  static List<Map<String, String>> currentModes(boolean withUnset) {
    List<Map<String, String>> out = new ArrayList<>();
    if (withUnset) {
      out.add(Map.of());
    }
    CURRENT_MODES.forEach(mode -> out.add(Map.of("delete.tombstone.handling.mode", mode)));
    return out;
  }

  /** Legacy settings: each explicit pair, one option alone, and the current option winning over both. */
  static List<Map<String, String>> legacyModes() {
    List<Map<String, String>> out = new ArrayList<>();
    for (String drop : new String[] {null, "true", "false"}) {
      for (String mode : new String[] {null, "drop", "none", "rewrite"}) {
        if (drop == null && mode == null) {
          continue; // nothing set: the defaults of 2.x and 3.x differ; ours follows 3.x (tested elsewhere)
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (drop != null) {
          config.put("drop.tombstones", drop);
        }
        if (mode != null) {
          config.put("delete.handling.mode", mode);
        }
        out.add(config);
      }
    }
    for (String current : List.of("drop", "tombstone", "rewrite", "rewrite-with-tombstone")) {
      out.add(Map.of("delete.tombstone.handling.mode", current, "drop.tombstones", "false",
          "delete.handling.mode", "rewrite"));
      out.add(Map.of("delete.tombstone.handling.mode", current, "drop.tombstones", "true",
          "delete.handling.mode", "none"));
    }
    return out;
  }
}
