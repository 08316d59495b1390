package io.streamlake.connect.s3.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Merges two Hive types of one column where Athena reads old and new Parquet and JSON files under the result:
 * a struct keeps its fields in order (each merged) and gains the new ones at the end, arrays and map values merge
 * their element types; anything else must be equal.
 */
final class NestedTypes {

  private NestedTypes() {}

  /** The merged type, or null when the two cannot be one column. */
  static String merge(String have, String want) {
    if (have.equals(want)) {
      return have;
    }
    if (have.startsWith("struct<") && want.startsWith("struct<")) {
      Map<String, String> old = fields(inner(have, "struct<"));
      Map<String, String> next = fields(inner(want, "struct<"));
      StringJoiner out = new StringJoiner(",", "struct<", ">");
      for (Map.Entry<String, String> field : old.entrySet()) {
        String type = next.containsKey(field.getKey()) ? merge(field.getValue(), next.get(field.getKey()))
            : field.getValue();
        if (type == null) {
          return null;
        }
        out.add(field.getKey() + ":" + type);
      }
      next.forEach((name, type) -> {
        if (!old.containsKey(name)) {
          out.add(name + ":" + type);
        }
      });
      return out.toString();
    }
    if (have.startsWith("array<") && want.startsWith("array<")) {
      String element = merge(inner(have, "array<"), inner(want, "array<"));
      return element == null ? null : "array<" + element + ">";
    }
    if (have.startsWith("map<") && want.startsWith("map<")) {
      List<String> oldKv = split(inner(have, "map<"));
      List<String> newKv = split(inner(want, "map<"));
      if (!oldKv.get(0).equals(newKv.get(0))) {
        return null;
      }
      String value = merge(oldKv.get(1), newKv.get(1));
      return value == null ? null : "map<" + oldKv.get(0) + "," + value + ">";
    }
    return null;
  }

  private static String inner(String type, String prefix) {
    return type.substring(prefix.length(), type.length() - 1);
  }

  private static Map<String, String> fields(String list) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field : split(list)) {
      int colon = field.indexOf(':');
      fields.put(field.substring(0, colon), field.substring(colon + 1));
    }
    return fields;
  }

  /** Splits at the commas outside {@code <>} and {@code ()} (decimal(12,2) keeps its comma). */
  private static List<String> split(String list) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(list.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(list.substring(from));
    return parts;
  }
}
