package io.streamlake.connect.cdc.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;

/**
 * A PostgreSQL column of the test tables and how to compare its value as PostgreSQL holds it (JDBC) with what
 * landed in Parquet (Avro view). Both sides become the same Java value: Instant for timestamp/timestamptz,
 * LocalDate for date, BigDecimal for numeric, a JSON tree for jsonb. A Parquet column without the expected
 * logical type keeps its raw value, so the comparison fails and shows it.
 */
record Column(String name, Type type) {

  enum Type { INT, BIGINT, NUMERIC, TEXT, BOOLEAN, TIMESTAMP, TIMESTAMPTZ, DATE, UUID, JSONB }

  private static final ObjectMapper JSON = new ObjectMapper();

  Object fromJdbc(ResultSet rs) throws SQLException {
    Object raw = rs.getObject(name);
    if (raw == null) {
      return null;
    }
    return switch (type) {
      case INT -> rs.getInt(name);
      case BIGINT -> rs.getLong(name);
      case NUMERIC -> rs.getBigDecimal(name);
      case TEXT -> rs.getString(name);
      case BOOLEAN -> rs.getBoolean(name);
      case TIMESTAMP -> rs.getObject(name, LocalDateTime.class).toInstant(ZoneOffset.UTC);
      case TIMESTAMPTZ -> rs.getObject(name, OffsetDateTime.class).toInstant();
      case DATE -> rs.getObject(name, LocalDate.class);
      case UUID -> raw.toString();
      case JSONB -> json(rs.getString(name));
    };
  }

  Object fromParquet(Object value, Schema fieldSchema) {
    if (value == null) {
      return null;
    }
    Schema schema = nonNull(fieldSchema);
    LogicalType logical = schema.getLogicalType();
    return switch (type) {
      case INT -> value instanceof Integer ? value : "not an int32: " + value;
      case BIGINT -> value instanceof Long ? value : "not an int64: " + value;
      case NUMERIC -> logical instanceof LogicalTypes.Decimal decimal
          ? new BigDecimal(new BigInteger(bytes(value)), decimal.getScale())
          : value;
      case TEXT, UUID -> value.toString();
      case BOOLEAN -> value;
      case TIMESTAMP, TIMESTAMPTZ -> {
        if (logical instanceof LogicalTypes.TimestampMillis) {
          yield Instant.ofEpochMilli((Long) value);
        } else if (logical instanceof LogicalTypes.TimestampMicros) {
          long micros = (Long) value;
          yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        }
        yield value;
      }
      case DATE -> logical instanceof LogicalTypes.Date ? LocalDate.ofEpochDay((Integer) value) : value;
      case JSONB -> json(value.toString());
    };
  }

  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    return schema;
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      byte[] out = new byte[buffer.remaining()];
      buffer.duplicate().get(out);
      return out;
    }
    if (value instanceof GenericFixed fixed) {
      return fixed.bytes();
    }
    throw new IllegalArgumentException("decimal value of unexpected class " + value.getClass().getName());
  }

  private static Object json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
