package io.streamlake.connect.s3.catalog;

import static io.streamlake.connect.s3.catalog.CatalogConfigs.hourlyParquet;
import static io.streamlake.connect.s3.catalog.CatalogConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.testing.Orders;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class TableBuilderTest {

  /** Every Connect type the sink writes. */
  static final Schema ALL_TYPES = SchemaBuilder.struct().name("AllTypes")
      .field("i8", Schema.INT8_SCHEMA).field("i16", Schema.INT16_SCHEMA).field("i32", Schema.INT32_SCHEMA)
      .field("i64", Schema.OPTIONAL_INT64_SCHEMA).field("f32", Schema.FLOAT32_SCHEMA).field("f64", Schema.FLOAT64_SCHEMA)
      .field("flag", Schema.BOOLEAN_SCHEMA).field("Name", Schema.STRING_SCHEMA).field("raw", Schema.BYTES_SCHEMA)
      .field("price", Decimal.builder(3).parameter("connect.decimal.precision", "10").build())
      .field("day", Date.SCHEMA).field("at", Time.SCHEMA).field("ts", Timestamp.builder().optional().build())
      .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
      .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
      .field("address", SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA)
          .field("zip", Schema.OPTIONAL_STRING_SCHEMA).optional().build())
      .build();

  @Test
  void parquetColumnsAreHiveTypesOfTheWrittenAvroSchema() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "partitioner.class", "default"))
        .build("orders", ALL_TYPES);
    assertThat(table.columns()).containsExactly(
        new HiveColumn("i8", "int"), new HiveColumn("i16", "int"), new HiveColumn("i32", "int"),
        new HiveColumn("i64", "bigint"), new HiveColumn("f32", "float"), new HiveColumn("f64", "double"),
        new HiveColumn("flag", "boolean"), new HiveColumn("name", "string"), new HiveColumn("raw", "binary"),
        new HiveColumn("price", "decimal(10,3)"), new HiveColumn("day", "date"), new HiveColumn("at", "int"),
        new HiveColumn("ts", "timestamp"), new HiveColumn("tags", "array<string>"),
        new HiveColumn("attrs", "map<string,int>"), new HiveColumn("address", "struct<city:string,zip:string>"));
    assertThat(table.partitionKeys()).containsExactly(new HiveColumn("partition", "bigint"));
  }

  @Test
  void parquetTableHasParquetSerdeLocationAndProjection() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "topics.dir", "/raw/")).build("orders.v1",
        Orders.ORDER);
    assertThat(table.database()).isEqualTo("lake");
    assertThat(table.name()).isEqualTo("orders_v1");
    assertThat(table.location()).isEqualTo("s3://lake/raw/orders.v1/");
    assertThat(table.serde()).isEqualTo(new TableDefinition.SerDe(
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", java.util.Map.of("serialization.format", "1"),
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"));
    assertThat(table.parameters()).containsEntry("classification", "parquet").containsEntry("EXTERNAL", "TRUE")
        .containsEntry("storage.location.template",
            "s3://lake/raw/orders.v1/year=${year}/month=${month}/day=${day}/hour=${hour}/");
  }

  @Test
  void jsonColumnsAreWhatTheJsonLinesHold() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "format.class", "json", "s3.compression.type",
        "gzip", "path.format", "'dt'=YYYY-MM-dd")).build("orders", ALL_TYPES);
    assertThat(table.partitionKeys()).containsExactly(new HiveColumn("dt", "string"));
    assertThat(table.columns()).containsExactly(
        new HiveColumn("i8", "bigint"), new HiveColumn("i16", "bigint"), new HiveColumn("i32", "bigint"),
        new HiveColumn("i64", "bigint"), new HiveColumn("f32", "double"), new HiveColumn("f64", "double"),
        new HiveColumn("flag", "boolean"), new HiveColumn("name", "string"), new HiveColumn("raw", "string"),
        new HiveColumn("price", "decimal(10,3)"), new HiveColumn("day", "bigint"), new HiveColumn("at", "bigint"),
        new HiveColumn("ts", "bigint"), new HiveColumn("tags", "array<string>"),
        new HiveColumn("attrs", "map<string,bigint>"), new HiveColumn("address", "struct<city:string,zip:string>"));
    assertThat(table.serde().library()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
    assertThat(table.serde().inputFormat()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
    assertThat(table.parameters()).containsEntry("classification", "json").containsEntry("compressionType", "gzip");
  }

  @Test
  void avroTableCarriesTheWrittenSchemaAsLiteral() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "format.class", "avro")).build("orders",
        Orders.ORDER);
    assertThat(table.serde().library()).isEqualTo("org.apache.hadoop.hive.serde2.avro.AvroSerDe");
    assertThat(table.serde().inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat");
    String literal = table.parameters().get("avro.schema.literal");
    assertThat(new org.apache.avro.Schema.Parser().parse(literal).getFields()).hasSize(Orders.ORDER.fields().size());
    assertThat(table.serde().parameters()).containsEntry("avro.schema.literal", literal);
    assertThat(table.columns()).contains(new HiveColumn("amount", "decimal(12,2)"),
        new HiveColumn("created", "timestamp"));
  }

  @Test
  void fieldPartitionColumnIsDroppedFromTheDataColumns() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "partitioner.class", "field",
        "partition.field.name", "customer")).build("orders", Orders.ORDER);
    assertThat(table.columns()).extracting(HiveColumn::name).doesNotContain("customer").contains("id");
    assertThat(table.partitionKeys()).containsExactly(new HiveColumn("customer", "string"));
  }

  @Test
  void schemasAthenaCannotHoldAreRefusedNamingTheField() {
    Schema wide = SchemaBuilder.struct().field("big", Decimal.builder(2).parameter("connect.decimal.precision", "50")
        .build()).build();
    assertThatThrownBy(() -> new TableBuilder(new S3SinkConfig(hourlyParquet())).build("orders", wide))
        .isInstanceOf(CatalogException.class).hasMessageContaining("orders").hasMessageContaining("'big'")
        .hasMessageContaining("38");
    Schema twins = SchemaBuilder.struct().field("Id", Schema.INT32_SCHEMA).field("id", Schema.INT32_SCHEMA).build();
    assertThatThrownBy(() -> new TableBuilder(new S3SinkConfig(hourlyParquet())).build("orders", twins))
        .isInstanceOf(CatalogException.class).hasMessageContaining("'id'");
    Schema hour = SchemaBuilder.struct().field("hour", Schema.INT32_SCHEMA).build();
    assertThatThrownBy(() -> new TableBuilder(new S3SinkConfig(hourlyParquet())).build("orders", hour))
        .isInstanceOf(CatalogException.class).hasMessageContaining("partition key");
    assertThatThrownBy(() -> new TableBuilder(with(hourlyParquet(), "format.class", "json")).build("orders", null))
        .isInstanceOf(CatalogException.class).hasMessageContaining("no schema");
  }

  @Test
  void projectionOffLeavesOnlyTheKeys() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "glue.projection.enabled", "false"))
        .build("orders", Orders.ORDER);
    assertThat(table.parameters().keySet()).noneMatch(k -> k.startsWith("projection.") || k.startsWith("storage."));
    assertThat(table.partitionKeys()).hasSize(4);
  }

  static List<HiveColumn> names(TableDefinition table) {
    return table.columns();
  }
}
