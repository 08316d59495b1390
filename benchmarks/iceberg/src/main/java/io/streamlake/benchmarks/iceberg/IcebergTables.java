package io.streamlake.benchmarks.iceberg;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;

/**
 * Pre-creates the end-to-end benchmark's Iceberg tables in a Hadoop catalog on a local directory, so that the
 * sink's tasks do not race on creation: the reference order event's columns (as the Connect schema
 * {@code Orders.ORDER} of the sink's test fixtures), unpartitioned, Parquet with SNAPPY like our sink.
 *
 * <p>Arguments: warehouse directory, namespace, table names.
 */
public final class IcebergTables {

  static final Schema ORDER = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.required(2, "customer", Types.StringType.get()),
      Types.NestedField.required(3, "amount", Types.DecimalType.of(12, 2)),
      Types.NestedField.required(4, "timestamp", Types.LongType.get()),
      Types.NestedField.required(5, "created", Types.TimestampType.withZone()),
      Types.NestedField.optional(6, "note", Types.StringType.get()),
      Types.NestedField.optional(7, "tags", Types.ListType.ofRequired(9, Types.StringType.get())),
      Types.NestedField.required(8, "address", Types.StructType.of(
          Types.NestedField.required(10, "city", Types.StringType.get()),
          Types.NestedField.optional(11, "zip", Types.StringType.get()))));

  private IcebergTables() {}

  public static void main(String[] args) {
    String warehouse = args[0];
    Namespace namespace = Namespace.of(args[1]);
    try (HadoopCatalog catalog = new HadoopCatalog(new Configuration(), warehouse)) {
      for (int i = 2; i < args.length; i++) {
        TableIdentifier id = TableIdentifier.of(namespace, args[i]);
        if (catalog.tableExists(id)) {
          catalog.dropTable(id, true);
        }
        catalog.createTable(id, ORDER, PartitionSpec.unpartitioned(), Map.of(
            "write.format.default", "parquet",
            "write.parquet.compression-codec", "snappy"));
        System.out.println("created " + id + " in " + warehouse);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
