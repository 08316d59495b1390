package io.streamlake.benchmarks;

import io.streamlake.connect.s3.format.AvroSchemaMapper;
import io.streamlake.connect.s3.testing.Orders;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** The reference events of {@link OrderEvents} as Avro records of the schema our sink writes for them. */
final class AvroOrders {

  /** The Avro (and Parquet) schema our sink writes for {@link Orders#ORDER}. */
  static final Schema AVRO = new AvroSchemaMapper(38).toAvro(Orders.ORDER);

  private static final Schema ADDRESS = AVRO.getField("address").schema();

  private AvroOrders() {}

  /**
   * The same values as {@link Orders#order}, built straight into Avro records of {@link #AVRO}, as a writer
   * with no Connect conversion would hold them.
   */
  static GenericData.Record avro(long id) {
    long ts = OrderEvents.timestamp(id);
    GenericData.Record address = new GenericData.Record(ADDRESS);
    address.put(0, "city-" + (id % 5));
    address.put(1, null);
    GenericData.Record r = new GenericData.Record(AVRO);
    r.put(0, id);
    r.put(1, "customer-" + (id % 7));
    BigDecimal amount = new BigDecimal(id).movePointLeft(2).add(BigDecimal.TEN).setScale(2);
    r.put(2, ByteBuffer.wrap(amount.unscaledValue().toByteArray()));
    r.put(3, ts);
    r.put(4, ts);
    r.put(5, id % 3 == 0 ? null : "note " + id);
    r.put(6, List.of("a", "b" + id));
    r.put(7, address);
    return r;
  }

  static List<GenericData.Record> avroRecords(long first, int count) {
    List<GenericData.Record> out = new ArrayList<>(count);
    for (long i = first; i < first + count; i++) {
      out.add(avro(i));
    }
    return out;
  }
}
