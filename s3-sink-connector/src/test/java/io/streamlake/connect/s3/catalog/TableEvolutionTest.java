package io.streamlake.connect.s3.catalog;

import static io.streamlake.connect.s3.catalog.CatalogConfigs.hourlyParquet;
import static io.streamlake.connect.s3.catalog.CatalogConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.Orders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class TableEvolutionTest {

  private final TableBuilder parquet = new TableBuilder(new S3SinkConfig(hourlyParquet()));

  @Test
  void sameSchemaChangesNothing() {
    TableDefinition table = parquet.build("orders", Orders.ORDER);
    assertThat(TableEvolution.merge(table, parquet.build("orders", Orders.ORDER)))
        .isInstanceOf(TableEvolution.Unchanged.class);
  }

  @Test
  void newOptionalFieldIsAppendedAtTheEnd() {
    TableDefinition v1 = parquet.build("orders", Orders.ORDER);
    TableEvolution.Outcome outcome = TableEvolution.merge(v1, parquet.build("orders", Orders.ORDER_V2));
    assertThat(outcome).isInstanceOf(TableEvolution.Changed.class);
    TableDefinition v2 = ((TableEvolution.Changed) outcome).table();
    assertThat(v2.columns()).startsWith(v1.columns().toArray(HiveColumn[]::new));
    assertThat(v2.columns().get(v2.columns().size() - 1)).isEqualTo(new HiveColumn("channel", "string"));
    assertThat(((TableEvolution.Changed) outcome).added()).containsExactly(new HiveColumn("channel", "string"));
  }

  @Test
  void anOlderSchemaKeepsTheNewerColumns() {
    TableDefinition v2 = parquet.build("orders", Orders.ORDER_V2);
    assertThat(TableEvolution.merge(v2, parquet.build("orders", Orders.ORDER)))
        .isInstanceOf(TableEvolution.Unchanged.class);
  }

  @Test
  void aChangedTypeIsIncompatibleAndNamesTheColumn() {
    Schema v1 = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    Schema v2 = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
    TableEvolution.Outcome outcome = TableEvolution.merge(parquet.build("t", v1), parquet.build("t", v2));
    assertThat(outcome).isInstanceOf(TableEvolution.Incompatible.class);
    assertThat(((TableEvolution.Incompatible) outcome).reason()).contains("column id").contains("int")
        .contains("string");
  }

  @Test
  void aStructGainsFieldsAtItsEndForParquetAndJsonButNotForAvro() {
    Schema address = SchemaBuilder.struct().name("A").field("city", Schema.STRING_SCHEMA)
        .field("price", org.apache.kafka.connect.data.Decimal.builder(2).parameter("connect.decimal.precision", "9")
            .build()).optional().build();
    Schema wider = SchemaBuilder.struct().name("A").field("city", Schema.STRING_SCHEMA)
        .field("price", org.apache.kafka.connect.data.Decimal.builder(2).parameter("connect.decimal.precision", "9")
            .build()).field("zip", Schema.OPTIONAL_STRING_SCHEMA).optional().build();
    Schema v1 = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA)
        .field("address", address).field("tags", SchemaBuilder.array(address).optional().build()).build();
    Schema v2 = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA)
        .field("address", wider).field("tags", SchemaBuilder.array(wider).optional().build()).build();
    TableEvolution.Outcome outcome = TableEvolution.merge(parquet.build("t", v1), parquet.build("t", v2));
    TableDefinition merged = ((TableEvolution.Changed) outcome).table();
    assertThat(merged.columns()).containsExactly(new HiveColumn("id", "bigint"),
        new HiveColumn("address", "struct<city:string,price:decimal(9,2),zip:string>"),
        new HiveColumn("tags", "array<struct<city:string,price:decimal(9,2),zip:string>>"));
    // The other way round, the table keeps the wider struct.
    assertThat(TableEvolution.merge(merged, parquet.build("t", v1))).isInstanceOf(TableEvolution.Unchanged.class);
    // A changed type inside the struct is still incompatible.
    Schema changed = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA).field("address",
        SchemaBuilder.struct().name("A").field("city", Schema.INT32_SCHEMA).optional().build()).build();
    assertThat(TableEvolution.merge(merged, parquet.build("t", changed)))
        .isInstanceOf(TableEvolution.Incompatible.class);
    TableBuilder avro = new TableBuilder(with(hourlyParquet(), "format.class", "avro"));
    assertThat(TableEvolution.merge(avro.build("t", v1), avro.build("t", v2)))
        .isInstanceOf(TableEvolution.Incompatible.class);
  }

  @Test
  void otherPartitionKeysOrFormatAreIncompatible() {
    TableDefinition hourly = parquet.build("orders", Orders.ORDER);
    TableDefinition daily = new TableBuilder(with(hourlyParquet(), "partitioner.class", "daily")).build("orders",
        Orders.ORDER);
    assertThat(TableEvolution.merge(hourly, daily)).isInstanceOf(TableEvolution.Incompatible.class);
    TableDefinition json = new TableBuilder(with(hourlyParquet(), "format.class", "json")).build("orders",
        Orders.ORDER);
    assertThat(TableEvolution.merge(hourly, json)).isInstanceOf(TableEvolution.Incompatible.class);
  }

  @Test
  void avroLiteralGainsTheNewFieldAsNullableWithDefault() {
    TableBuilder avro = new TableBuilder(with(hourlyParquet(), "format.class", "avro"));
    Schema v1 = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA).build();
    Schema v2 = SchemaBuilder.struct().name("T").field("id", Schema.INT64_SCHEMA)
        .field("n", Schema.INT32_SCHEMA).build();
    TableEvolution.Outcome outcome = TableEvolution.merge(avro.build("t", v1), avro.build("t", v2));
    TableDefinition merged = ((TableEvolution.Changed) outcome).table();
    org.apache.avro.Schema literal = new org.apache.avro.Schema.Parser().parse(
        merged.parameters().get("avro.schema.literal"));
    assertThat(literal.getField("n").schema().getTypes().get(0).getType()).isEqualTo(org.apache.avro.Schema.Type.NULL);
    assertThat(literal.getField("n").hasDefaultValue()).isTrue();
    assertThat(merged.serde().parameters().get("avro.schema.literal"))
        .isEqualTo(merged.parameters().get("avro.schema.literal"));
  }

  @Test
  void propertiesOthersSetAreKept() {
    TableDefinition table = parquet.build("orders", Orders.ORDER);
    java.util.Map<String, String> withComment = new java.util.HashMap<>(table.parameters());
    withComment.put("comment", "owned by data team");
    TableDefinition existing = table.withColumns(table.columns(), withComment, table.serde());
    assertThat(TableEvolution.merge(existing, parquet.build("orders", Orders.ORDER)))
        .isInstanceOf(TableEvolution.Unchanged.class);
  }
}
