package io.streamlake.connect.cdc.e2e;

import io.streamlake.connect.cdc.e2e.Column.Type;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The changes the test makes in PostgreSQL, and the change events they must produce. Every expected row is read
 * back from PostgreSQL itself ({@code RETURNING *}, or a SELECT for the snapshot), so the expectation is what the
 * database held at that change, not what the test meant to write.
 */
final class CdcWorkload {

  record Table(String name, String keyColumn, List<Column> columns) {
    String qualified() {
      return "lake." + name;
    }

    String topic() {
      return "cdc.lake." + name;
    }
  }

  /** One change event: Debezium op (r, c, u, d), the row's key and the row (for d: the row before the delete). */
  record Event(String op, Object key, Map<String, Object> row) {
    boolean deleted() {
      return "d".equals(op);
    }
  }

  static final Table ACCOUNTS = new Table("accounts", "id", List.of(
      new Column("id", Type.INT), new Column("big", Type.BIGINT), new Column("balance", Type.NUMERIC),
      new Column("name", Type.TEXT), new Column("active", Type.BOOLEAN), new Column("created_at", Type.TIMESTAMP),
      new Column("updated_at", Type.TIMESTAMPTZ), new Column("birthday", Type.DATE), new Column("ref", Type.UUID),
      new Column("attrs", Type.JSONB)));

  static final Table PAYMENTS = new Table("payments", "id", List.of(
      new Column("id", Type.BIGINT), new Column("account_id", Type.INT), new Column("amount", Type.NUMERIC),
      new Column("paid_at", Type.TIMESTAMPTZ), new Column("paid_on", Type.DATE), new Column("note", Type.TEXT)));

  static final List<Table> TABLES = List.of(ACCOUNTS, PAYMENTS);

  private static final String ACCOUNT_COLUMNS =
      "id, big, balance, name, active, created_at, updated_at, birthday, ref, attrs";
  private static final String ACCOUNT_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb";
  private static final String PAYMENT_COLUMNS = "id, account_id, amount, paid_at, paid_on, note";

  private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
      ZoneOffset.ofHours(-3), ZoneOffset.ofHoursMinutes(-9, -30));

  private final Connection db;
  private final Random random = new Random(20261125L);
  private final Map<String, List<Event>> expected = new LinkedHashMap<>();
  /** Rows as the replayed events say they are now; compared with PostgreSQL at the end. */
  private final Map<String, Map<Object, Map<String, Object>>> replayed = new LinkedHashMap<>();
  private int truncates;

  CdcWorkload(Connection db) {
    this.db = db;
    for (Table table : TABLES) {
      expected.put(table.name(), new ArrayList<>());
      replayed.put(table.name(), new LinkedHashMap<>());
    }
  }

  List<Event> expected(Table table) {
    return expected.get(table.name());
  }

  int expectedEvents() {
    return expected.values().stream().mapToInt(List::size).sum();
  }

  int truncates() {
    return truncates;
  }

  /** Tables, REPLICA IDENTITY FULL (so updates and deletes carry the whole old row), and the rows to snapshot. */
  void createAndSeed(int accounts, int payments) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute("CREATE SCHEMA lake");
      st.execute("CREATE TABLE lake.accounts (id int PRIMARY KEY, big bigint, balance numeric(12,2), name text, "
          + "active boolean, created_at timestamp, updated_at timestamptz, birthday date, ref uuid, attrs jsonb)");
      st.execute("CREATE TABLE lake.payments (id bigint PRIMARY KEY, account_id int NOT NULL, "
          + "amount numeric(12,2) NOT NULL, paid_at timestamptz NOT NULL, paid_on date, note text)");
      st.execute("ALTER TABLE lake.accounts REPLICA IDENTITY FULL");
      st.execute("ALTER TABLE lake.payments REPLICA IDENTITY FULL");
    }
    for (int id = 1; id <= accounts; id++) {
      insertAccount(id, false);
    }
    for (long id = 1; id <= payments; id++) {
      insertPayment(id, false);
    }
  }

  /** The initial snapshot: one read event (op r) per row PostgreSQL holds before the connector starts. */
  void recordSnapshot() throws SQLException {
    for (Table table : TABLES) {
      try (Statement st = db.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM " + table.qualified() + " ORDER BY " + table.keyColumn())) {
        while (rs.next()) {
          record(table, "r", rs);
        }
      }
    }
  }

  /** Inserts, updates (single and multi-row, to null, of the primary key), deletes, a transaction, a truncate. */
  void streamChanges() throws SQLException {
    for (int id = 101; id <= 130; id++) {
      insertAccount(id, true);
    }
    for (int n = 0; n < 30; n++) {
      int i = n;
      int id = 1 + random.nextInt(30);
      returning(ACCOUNTS, "u", "UPDATE lake.accounts SET balance = ?, name = ?, updated_at = ?, "
          + "attrs = attrs || ?::jsonb WHERE id = ? RETURNING *", ps -> {
            ps.setBigDecimal(1, BigDecimal.valueOf(random.nextLong() % 100_000_000_000L, 2));
            ps.setString(2, "renamed-" + i + " \"quoted\" ünïcødé ✓");
            ps.setObject(3, timestamptz());
            ps.setString(4, "{\"update\": " + i + "}");
            ps.setInt(5, id);
          });
    }
    returning(ACCOUNTS, "u", "UPDATE lake.accounts SET active = NOT coalesce(active, false) "
        + "WHERE id BETWEEN 31 AND 35 RETURNING *", ps -> {});
    returning(ACCOUNTS, "u", "UPDATE lake.accounts SET ref = NULL, attrs = NULL, birthday = NULL, big = NULL "
        + "WHERE id = 36 RETURNING *", ps -> {});
    for (int id : new int[] {3, 17, 29, 102, 120}) {
      returning(ACCOUNTS, "d", "DELETE FROM lake.accounts WHERE id = ? RETURNING *", ps -> ps.setInt(1, id));
    }
    // A primary-key change: Debezium emits a delete of the old key and a create of the new one.
    returning(ACCOUNTS, "d", "SELECT * FROM lake.accounts WHERE id = 7", ps -> {});
    returning(ACCOUNTS, "c", "UPDATE lake.accounts SET id = 1007 WHERE id = 7 RETURNING *", ps -> {});
    // One transaction creating, changing and deleting the same row.
    db.setAutoCommit(false);
    insertAccount(500, true);
    returning(ACCOUNTS, "u", "UPDATE lake.accounts SET balance = balance + 1 WHERE id = 500 RETURNING *", ps -> {});
    returning(ACCOUNTS, "d", "DELETE FROM lake.accounts WHERE id = 500 RETURNING *", ps -> {});
    db.commit();
    db.setAutoCommit(true);

    for (long id = 11; id <= 15; id++) {
      insertPayment(id, true);
    }
    returning(PAYMENTS, "u", "UPDATE lake.payments SET note = 'refunded', amount = -amount WHERE id IN (2, 12) "
        + "RETURNING *", ps -> {});
    try (Statement st = db.createStatement()) {
      st.execute("TRUNCATE lake.payments");
    }
    truncates++;
    replayed.get(PAYMENTS.name()).clear();
    // The same keys again after the truncate.
    for (long id = 1; id <= 4; id++) {
      insertPayment(id, true);
    }
    returning(PAYMENTS, "u", "UPDATE lake.payments SET paid_on = DATE '1999-12-31' WHERE id = 1 RETURNING *",
        ps -> {});
    returning(PAYMENTS, "d", "DELETE FROM lake.payments WHERE id = 4 RETURNING *", ps -> {});
  }

  /** The events replayed key by key must give exactly the rows PostgreSQL holds now. */
  Map<Object, Map<String, Object>> replayedState(Table table) {
    return replayed.get(table.name());
  }

  Map<Object, Map<String, Object>> currentState(Table table) throws SQLException {
    Map<Object, Map<String, Object>> rows = new LinkedHashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table.qualified() + " ORDER BY " + table.keyColumn())) {
      while (rs.next()) {
        Map<String, Object> row = row(table, rs);
        rows.put(row.get(table.keyColumn()), row);
      }
    }
    return rows;
  }

  private void insertAccount(int id, boolean record) throws SQLException {
    String sql = "INSERT INTO lake.accounts (" + ACCOUNT_COLUMNS + ") VALUES (" + ACCOUNT_VALUES + ") RETURNING *";
    statement(ACCOUNTS, record ? "c" : null, sql, ps -> {
      ps.setInt(1, id);
      if (id == 1) {
        ps.setLong(2, Long.MAX_VALUE);
      } else if (id % 11 == 0) {
        ps.setNull(2, Types.BIGINT);
      } else {
        ps.setLong(2, random.nextLong());
      }
      BigDecimal balance = switch (id) {
        case 1 -> new BigDecimal("9999999999.99");
        case 2 -> new BigDecimal("-9999999999.99");
        case 4 -> new BigDecimal("0.00");
        case 5 -> new BigDecimal("-0.01");
        default -> BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, 2);
      };
      ps.setBigDecimal(3, balance);
      ps.setString(4, id % 13 == 0 ? null : "account-" + id + (id % 3 == 0 ? " Zoë's \"ünïcødé\" ✓" : ""));
      if (id % 7 == 0) {
        ps.setNull(5, Types.BOOLEAN);
      } else {
        ps.setBoolean(5, random.nextBoolean());
      }
      ps.setObject(6, id == 2 ? LocalDateTime.parse("1969-12-31T23:59:59.500") : timestamp());
      ps.setObject(7, timestamptz());
      ps.setObject(8, id == 2 ? LocalDate.parse("1965-03-02") : LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000));
      ps.setObject(9, id % 5 == 0 ? null : new UUID(random.nextLong(), random.nextLong()));
      ps.setString(10, id % 4 == 0 ? null : "{\"tier\": \"" + (random.nextBoolean() ? "gold" : "basic")
          + "\", \"tags\": [\"a\", \"b\", " + id + "], \"nested\": {\"x\": 1.5, \"ok\": true, \"none\": null}}");
    });
  }

  private void insertPayment(long id, boolean record) throws SQLException {
    String sql = "INSERT INTO lake.payments (" + PAYMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) RETURNING *";
    statement(PAYMENTS, record ? "c" : null, sql, ps -> {
      ps.setLong(1, id);
      ps.setInt(2, 1 + random.nextInt(30));
      ps.setBigDecimal(3, BigDecimal.valueOf(1 + random.nextInt(10_000_000), 2));
      ps.setObject(4, timestamptz());
      ps.setObject(5, id % 3 == 0 ? null : LocalDate.ofEpochDay(18_000 + random.nextInt(3_000)));
      ps.setString(6, id % 2 == 0 ? null : "payment " + id);
    });
  }

  /** Millisecond precision: Parquet TIMESTAMP(MILLIS) is the contract of the sink. */
  private LocalDateTime timestamp() {
    return LocalDateTime.of(2020, 1, 1, 0, 0).plusNanos((random.nextLong() & Long.MAX_VALUE) % 200_000_000_000L * 1_000_000L);
  }

  private OffsetDateTime timestamptz() {
    return timestamp().atOffset(OFFSETS.get(random.nextInt(OFFSETS.size())));
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void returning(Table table, String op, String sql, Binder binder) throws SQLException {
    statement(table, op, sql, binder);
  }

  /** Runs a statement returning rows; records each row as an event with {@code op} (none when op is null). */
  private void statement(Table table, String op, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      binder.bind(ps);
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          if (op != null) {
            record(table, op, rs);
          }
        }
      }
      if (rows == 0) {
        throw new IllegalStateException("no row affected by: " + sql);
      }
    }
  }

  private void record(Table table, String op, ResultSet rs) throws SQLException {
    Map<String, Object> row = row(table, rs);
    Object key = row.get(table.keyColumn());
    expected.get(table.name()).add(new Event(op, key, row));
    if ("d".equals(op)) {
      replayed.get(table.name()).remove(key);
    } else {
      replayed.get(table.name()).put(key, row);
    }
  }

  private static Map<String, Object> row(Table table, ResultSet rs) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      row.put(column.name(), column.fromJdbc(rs));
    }
    return row;
  }
}
