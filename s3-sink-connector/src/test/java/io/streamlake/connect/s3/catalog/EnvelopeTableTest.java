package io.streamlake.connect.s3.catalog;

import static io.streamlake.connect.s3.catalog.CatalogConfigs.hourlyParquet;
import static io.streamlake.connect.s3.catalog.CatalogConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.record.Envelopes;
import io.streamlake.connect.s3.testing.DuckDbColumns;
import io.streamlake.connect.s3.testing.Orders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Glue table of envelope files ({@code store.envelope=true}): key and value are nested columns. */
class EnvelopeTableTest {

  private static final Envelopes ENVELOPES = new Envelopes(true, "parquet");
  private static final Schema ENVELOPE = ENVELOPES.envelopeSchema(Schema.STRING_SCHEMA, Orders.ORDER);
  private static final String ORDER_TYPE = "struct<id:bigint,customer:string,amount:decimal(12,2),timestamp:bigint,"
      + "created:timestamp,note:string,tags:array<string>,address:struct<city:string,zip:string>>";

  @Test
  void parquetEnvelopeColumnsNestKeyAndValue() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "store.envelope", "true")).build("orders", ENVELOPE);
    assertThat(table.columns()).containsExactly(
        new HiveColumn("key", "string"),
        new HiveColumn("value", ORDER_TYPE),
        new HiveColumn("headers", "array<struct<key:string,value:binary>>"),
        new HiveColumn("topic", "string"),
        new HiveColumn("partition", "int"),
        new HiveColumn("offset", "bigint"),
        new HiveColumn("timestamp", "timestamp"));
    assertThat(table.partitionKeys()).extracting(HiveColumn::name).containsExactly("year", "month", "day", "hour");
  }

  /** The columns are what an independent reader (DuckDB) finds in a Parquet file the sink wrote. */
  @Test
  void parquetEnvelopeColumnsAreWhatTheFileHolds(@TempDir Path dir) throws Exception {
    S3SinkConfig config = with(hourlyParquet(), "store.envelope", "true");
    SinkRecord record = new SinkRecord("orders", 0, Schema.STRING_SCHEMA, "k1", Orders.ORDER,
        Orders.order(1, 1_798_761_600_000L), 1, 1_798_761_600_000L,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME, new ConnectHeaders().addString("h", "v"));
    SinkRecord row = ENVELOPES.row(record, null);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    var writer = io.streamlake.connect.s3.format.RecordFormats.create(config).open(out, row);
    writer.write(row);
    writer.close();
    Path file = dir.resolve("envelope.parquet");
    Files.write(file, out.toByteArray());

    TableDefinition table = new TableBuilder(config).build("orders", row.valueSchema());
    Map<String, String> glue = new LinkedHashMap<>();
    table.columns().forEach(c -> glue.put(c.name(), c.type()));
    Map<String, String> duck = DuckDbColumns.describe("SELECT * FROM read_parquet('" + file + "')");
    // DuckDB reads BYTES as blob (binary) and a nested decimal as decimal: the same types Glue states.
    assertThat(duck).isEqualTo(glue);
  }

  @Test
  void defaultPartitionersKeyStandsForTheEnvelopesPartitionColumn() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "store.envelope", "true", "partitioner.class",
        "default")).build("orders", ENVELOPE);
    assertThat(table.columns()).extracting(HiveColumn::name)
        .containsExactly("key", "value", "headers", "topic", "offset", "timestamp");
    assertThat(table.partitionKeys()).containsExactly(new HiveColumn("partition", "bigint"));
  }

  @Test
  void fieldPartitioningKeepsTheValueNestedAndRefusesAKeyNamedLikeAnEnvelopeColumn() {
    TableDefinition table = new TableBuilder(with(hourlyParquet(), "store.envelope", "true", "partitioner.class",
        "field", "partition.field.name", "customer")).build("orders", ENVELOPE);
    assertThat(table.columns()).extracting(HiveColumn::name)
        .containsExactly("key", "value", "headers", "topic", "partition", "offset", "timestamp");
    assertThat(table.partitionKeys()).containsExactly(new HiveColumn("customer", "string"));

    assertThatThrownBy(() -> new TableBuilder(with(hourlyParquet(), "store.envelope", "true", "partitioner.class",
        "field", "partition.field.name", "topic")).build("orders", ENVELOPE))
        .isInstanceOf(CatalogException.class).hasMessageContaining("'topic'").hasMessageContaining("store.envelope");
  }

  @Test
  void jsonAndAvroEnvelopeTables() {
    TableDefinition json = new TableBuilder(with(hourlyParquet(), "store.envelope", "true", "format.class", "json"))
        .build("orders", ENVELOPE);
    assertThat(json.columns()).extracting(HiveColumn::type).containsExactly("string",
        "struct<id:bigint,customer:string,amount:decimal(12,2),timestamp:bigint,created:bigint,note:string,"
            + "tags:array<string>,address:struct<city:string,zip:string>>",
        "array<struct<key:string,value:string>>", "string", "bigint", "bigint", "bigint");
    TableDefinition avro = new TableBuilder(with(hourlyParquet(), "store.envelope", "true", "format.class", "avro"))
        .build("orders", ENVELOPE);
    org.apache.avro.Schema literal = new org.apache.avro.Schema.Parser().parse(
        avro.parameters().get(TableBuilder.AVRO_LITERAL));
    assertThat(literal.getFullName()).isEqualTo(Envelopes.ENVELOPE_NAME);
    assertThat(literal.getFields()).extracting(org.apache.avro.Schema.Field::name).isEqualTo(Envelopes.FIELDS);
    assertThat(avro.columns()).extracting(HiveColumn::type).containsExactly("string", ORDER_TYPE,
        "array<struct<key:string,value:binary>>", "string", "int", "bigint", "timestamp");
    assertThat(List.of(json.name(), avro.name())).containsOnly("orders");
  }
}
