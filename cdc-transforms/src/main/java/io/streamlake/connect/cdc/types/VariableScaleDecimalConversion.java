package io.streamlake.connect.cdc.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Debezium's VariableScaleDecimal (a struct of {@code scale} INT32 and {@code value} BYTES, the big-endian
 * two's-complement unscaled value) to a Connect Decimal of a fixed scale.
 */
final class VariableScaleDecimalConversion implements TypeConversion {

  static final String NAME = "io.debezium.data.VariableScaleDecimal";

  private final int scale;
  private final PrecisionGuard guard;

  VariableScaleDecimalConversion(int scale, PrecisionGuard guard) {
    this.scale = scale;
    this.guard = guard;
  }

  @Override
  public String debeziumName() {
    return NAME;
  }

  @Override
  public SchemaBuilder target() {
    return Decimal.builder(scale);
  }

  @Override
  public Object convert(Object value, String where) {
    if (!(value instanceof Struct struct) || !(struct.get("scale") instanceof Integer sourceScale)) {
      throw new DataException("Field '" + where + "' is not a " + NAME + " struct of scale and value");
    }
    BigDecimal decimal = new BigDecimal(new BigInteger(unscaled(struct.get("value"), where)), sourceScale);
    BigDecimal rescaled = decimal.setScale(scale, RoundingMode.DOWN);
    if (rescaled.compareTo(decimal) != 0) {
      guard.lost(where, decimal.toPlainString(), NAME, "a decimal of scale " + scale);
    }
    return rescaled;
  }

  private static byte[] unscaled(Object value, String where) {
    if (value instanceof byte[] bytes && bytes.length > 0) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer && buffer.remaining() > 0) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    throw new DataException("Field '" + where + "' (" + NAME + ") has no unscaled value bytes");
  }
}
