package io.streamlake.connect.s3.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What DuckDB (in-process, JDBC) reads from files, as Hive types: the independent reader the Glue columns are
 * compared with. DuckDB's types are translated one to one ({@code BIGINT} is {@code bigint},
 * {@code TIMESTAMP WITH TIME ZONE} is {@code timestamp}, {@code STRUCT(a VARCHAR)} is {@code struct<a:string>},
 * ...); names are lower-cased as Glue keeps them.
 */
public final class DuckDbColumns {

  private DuckDbColumns() {}

  /** Column name to Hive type of {@code DESCRIBE <query>}. */
  public static Map<String, String> describe(String query) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("DESCRIBE " + query)) {
      Map<String, String> columns = new LinkedHashMap<>();
      while (rows.next()) {
        columns.put(rows.getString("column_name").toLowerCase(Locale.ROOT), hive(rows.getString("column_type")));
      }
      return columns;
    }
  }

  /** Runs a statement and returns whether it worked (e.g. loading an extension), with the error if not. */
  public static String tryRun(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  /** One DuckDB type as the Hive type of the same values. */
  public static String hive(String duck) {
    String type = duck.trim();
    if (type.endsWith("[]")) {
      return "array<" + hive(type.substring(0, type.length() - 2)) + ">";
    }
    String upper = type.toUpperCase(Locale.ROOT);
    if (upper.startsWith("STRUCT(")) {
      StringBuilder out = new StringBuilder("struct<");
      List<String> fields = split(type.substring(7, type.length() - 1));
      for (int i = 0; i < fields.size(); i++) {
        String field = fields.get(i).trim();
        int space = field.startsWith("\"") ? field.indexOf('"', 1) + 1 : field.indexOf(' ');
        String name = field.substring(0, space).replace("\"", "").toLowerCase(Locale.ROOT);
        out.append(i == 0 ? "" : ",").append(name).append(':').append(hive(field.substring(space + 1)));
      }
      return out.append('>').toString();
    }
    if (upper.startsWith("MAP(")) {
      List<String> kv = split(type.substring(4, type.length() - 1));
      return "map<" + hive(kv.get(0)) + "," + hive(kv.get(1)) + ">";
    }
    if (upper.startsWith("DECIMAL(")) {
      return "decimal(" + type.substring(8, type.length() - 1).replace(" ", "") + ")";
    }
    return switch (upper) {
      case "BIGINT" -> "bigint";
      case "INTEGER" -> "int";
      case "SMALLINT" -> "smallint";
      case "TINYINT" -> "tinyint";
      case "DOUBLE" -> "double";
      case "FLOAT" -> "float";
      case "BOOLEAN" -> "boolean";
      case "VARCHAR" -> "string";
      case "BLOB" -> "binary";
      case "DATE" -> "date";
      case "TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "TIMESTAMP_MS" -> "timestamp";
      default -> "duckdb:" + type; // JSON, TIME, ...: no Hive spelling; never equal to a Glue type
    };
  }

  private static List<String> split(String list) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int from = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(list.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(list.substring(from));
    return parts;
  }
}
