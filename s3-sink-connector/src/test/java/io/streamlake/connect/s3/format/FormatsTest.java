package io.streamlake.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.config.AvroCodec;
import io.streamlake.connect.s3.config.JsonCompression;
import io.streamlake.connect.s3.config.ParquetCodec;
import io.streamlake.connect.s3.testing.Orders;
import io.streamlake.connect.s3.testing.ParquetFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FormatsTest {

  private static final long COMPACT = io.streamlake.connect.s3.config.S3SinkConfig.COMPACT_MAX_DEFAULT;

  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private static byte[] write(RecordFormat format, List<SinkRecord> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = format.open(out, records.get(0));
    for (SinkRecord record : records) {
      writer.write(record);
    }
    writer.close();
    return out.toByteArray();
  }

  private static List<SinkRecord> orders(int n) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(Orders.record("orders", 0, i, T0 + i * 1000L));
    }
    return records;
  }

  @ParameterizedTest
  @EnumSource(ParquetCodec.class)
  void parquetRoundTripsWithEveryCodec(ParquetCodec codec) throws Exception {
    byte[] bytes = write(new ParquetFormat(codec, 1 << 20, true, true, COMPACT, new AvroSchemaMapper(38), null), orders(500));
    List<GenericRecord> rows = ParquetFiles.read(bytes);
    assertThat(rows).hasSize(500);
    GenericRecord row = rows.get(7);
    assertThat(row.get("id")).isEqualTo(7L);
    assertThat(row.get("customer").toString()).isEqualTo("customer-0");
    assertThat(row.get("timestamp")).isEqualTo(T0 + 7000L);
    assertThat(row.get("note").toString()).isEqualTo("note 7");
    assertThat(rows.get(6).get("note")).isNull();
    assertThat(((GenericRecord) row.get("address")).get("city").toString()).isEqualTo("city-2");
    assertThat(ParquetFiles.footer(bytes).getBlocks().get(0).getColumns().get(0).getCodec())
        .isEqualTo(codec == ParquetCodec.NONE ? CompressionCodecName.UNCOMPRESSED : codec.codec());
  }

  @Test
  void connectLogicalTypesBecomeParquetLogicalTypes() throws Exception {
    byte[] bytes = write(new ParquetFormat(ParquetCodec.SNAPPY, 1 << 20, true, true, COMPACT, new AvroSchemaMapper(38), null), orders(3));
    MessageType schema = ParquetFiles.footer(bytes).getFileMetaData().getSchema();
    assertThat(schema.getType("amount").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.decimalType(2, 12));
    assertThat(schema.getType("created").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    GenericRecord row = ParquetFiles.read(bytes).get(2);
    BigDecimal amount = new Conversions.DecimalConversion().fromBytes((ByteBuffer) row.get("amount"), null,
        LogicalTypes.decimal(12, 2));
    assertThat(amount).isEqualByComparingTo("10.02");
    assertThat(row.get("created")).isEqualTo(T0 + 2000L);
  }

  @Test
  void dateAndTimeColumns() throws Exception {
    Schema schema = org.apache.kafka.connect.data.SchemaBuilder.struct().name("D")
        .field("d", org.apache.kafka.connect.data.Date.SCHEMA)
        .field("t", org.apache.kafka.connect.data.Time.SCHEMA).build();
    org.apache.kafka.connect.data.Struct value = new org.apache.kafka.connect.data.Struct(schema)
        .put("d", new java.util.Date(-86_400_000L)) // 1969-12-31
        .put("t", new java.util.Date(3_723_004L)); // 01:02:03.004
    SinkRecord record = new SinkRecord("x", 0, null, null, schema, value, 0L);
    byte[] bytes = write(new ParquetFormat(ParquetCodec.ZSTD, 1 << 20, true, true, COMPACT, new AvroSchemaMapper(38), null), List.of(record));
    MessageType parquet = ParquetFiles.footer(bytes).getFileMetaData().getSchema();
    assertThat(parquet.getType("d").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
    assertThat(parquet.getType("t").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timeType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    GenericRecord row = ParquetFiles.read(bytes).get(0);
    assertThat(row.get("d")).isEqualTo(-1);
    assertThat(row.get("t")).isEqualTo(3_723_004);
  }

  @Test
  void schemalessMapsWithAConfiguredSchema() throws Exception {
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse("""
        {"type":"record","name":"Order","fields":[
          {"name":"id","type":"long"},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
          {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"note","type":["null","string"],"default":null},
          {"name":"qty","type":"int","default":1}]}""");
    Map<String, Object> value = new HashMap<>();
    value.put("id", 5);
    value.put("price", 12.5);
    value.put("ts", "2026-01-01T00:00:00Z");
    SinkRecord record = new SinkRecord("x", 0, null, null, null, value, 0L);
    byte[] bytes = write(new ParquetFormat(ParquetCodec.SNAPPY, 1 << 20, true, true, COMPACT, new AvroSchemaMapper(38), avro),
        List.of(record));
    GenericRecord row = ParquetFiles.read(bytes).get(0);
    assertThat(row.get("id")).isEqualTo(5L);
    assertThat(row.get("ts")).isEqualTo(T0);
    assertThat(row.get("note")).isNull();
    assertThat(row.get("qty")).isEqualTo(1);
  }

  @Test
  void schemalessWithoutSchemaExplainsTheOption() throws Exception {
    SinkRecord record = new SinkRecord("x", 2, null, null, null, Map.of("id", 1), 9L);
    ParquetFormat format = new ParquetFormat(ParquetCodec.SNAPPY, 1 << 20, true, true, COMPACT, new AvroSchemaMapper(38), null);
    assertThatThrownBy(() -> format.open(new ByteArrayOutputStream(), record)).isInstanceOf(DataException.class)
        .hasMessageContaining("schemaless.avro.schema").hasMessageContaining("x-2@9");
  }

  @Test
  void aRecordThatDoesNotFitNamesTheFieldAndLeavesTheFileUsable() throws Exception {
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SinkRecord good = new SinkRecord("x", 0, null, null, null, Map.of("n", 1), 0L);
    SinkRecord bad = new SinkRecord("x", 0, null, null, null, Map.of("n", "one"), 1L);
    RecordWriter writer = new ParquetFormat(ParquetCodec.SNAPPY, 1 << 20, true, true, COMPACT, new AvroSchemaMapper(38), avro)
        .open(out, good);
    writer.write(good);
    assertThatThrownBy(() -> writer.write(bad)).isInstanceOf(DataException.class).hasMessageContaining("'n'");
    writer.write(good);
    writer.close();
    assertThat(ParquetFiles.read(out.toByteArray())).hasSize(2);
  }

  @Test
  void avroContainerRoundTrip() throws Exception {
    byte[] bytes = write(new AvroFormat(AvroCodec.DEFLATE, COMPACT, new AvroSchemaMapper(38), null), orders(50));
    List<GenericRecord> rows = new ArrayList<>();
    try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(bytes),
        new GenericDatumReader<>())) {
      in.forEach(rows::add);
      assertThat(in.getMetaString("avro.codec")).isEqualTo("deflate");
    }
    assertThat(rows).hasSize(50);
    assertThat(rows.get(49).get("id")).isEqualTo(49L);
  }

  @Test
  void jsonLinesGzipRoundTrip() throws Exception {
    byte[] bytes = write(new JsonLinesFormat(JsonCompression.GZIP, COMPACT), orders(3));
    String text = new String(new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes(),
        StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).startsWith("{\"id\":1,\"customer\":\"customer-1\",\"amount\":10.01,\"timestamp\":"
        + (T0 + 1000) + ",\"created\":" + (T0 + 1000));
    assertThat(lines[0]).contains("\"note\":null");
  }

  @Test
  void primitiveValuesAreWrappedInAValueColumn() throws Exception {
    SinkRecord record = new SinkRecord("x", 0, null, null, Schema.STRING_SCHEMA, "hello", 0L);
    byte[] bytes = write(new ParquetFormat(ParquetCodec.SNAPPY, 1 << 20, true, true, COMPACT, new AvroSchemaMapper(38), null),
        List.of(record));
    assertThat(ParquetFiles.read(bytes).get(0).get("value").toString()).isEqualTo("hello");
  }
}
