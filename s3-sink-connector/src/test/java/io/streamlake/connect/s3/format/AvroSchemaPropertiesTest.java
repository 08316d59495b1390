package io.streamlake.connect.s3.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.ParquetCodec;
import io.streamlake.connect.s3.config.S3SinkConfig;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The properties AvroSchemaMapper puts on the Avro schema for the source connector (what Avro cannot say: a wrapped
 * value, the Connect names of structs, INT8/INT16), and that query engines still read the files.
 */
class AvroSchemaPropertiesTest {

  private static final org.apache.kafka.connect.data.Schema INNER = SchemaBuilder.struct().name("my-ns.Inner")
      .field("n", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).optional().build();
  private static final org.apache.kafka.connect.data.Schema VALUE = SchemaBuilder.struct().name("io.test.Outer")
      .field("tiny", org.apache.kafka.connect.data.Schema.INT8_SCHEMA)
      .field("small", org.apache.kafka.connect.data.Schema.OPTIONAL_INT16_SCHEMA)
      .field("inner", INNER)
      .field("anonymous", SchemaBuilder.struct().field("s", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .build())
      .optional()
      .build();

  private final AvroSchemaMapper mapper = new AvroSchemaMapper(38);

  @Test
  void aWrappedValueIsMarked() {
    Schema wrapper = mapper.toAvro(org.apache.kafka.connect.data.Schema.STRING_SCHEMA);
    assertThat(wrapper.getObjectProp(AvroSchemaMapper.WRAPPED_PROPERTY)).isEqualTo(true);
    assertThat(wrapper.getFields()).extracting(Schema.Field::name).containsExactly("value");
  }

  @Test
  void aStructIsMarkedUnwrappedWithItsOptionalityAndNames() {
    Schema outer = mapper.toAvro(VALUE);
    assertThat(outer.getObjectProp(AvroSchemaMapper.WRAPPED_PROPERTY)).isEqualTo(false);
    assertThat(outer.getObjectProp(AvroSchemaMapper.OPTIONAL_PROPERTY)).isEqualTo(true);
    assertThat(outer.getProp(AvroSchemaMapper.NAME_PROPERTY)).isEqualTo("io.test.Outer");
    Schema inner = outer.getField("inner").schema().getTypes().get(1);
    assertThat(inner.getFullName()).isEqualTo("my_ns.Inner");
    assertThat(inner.getProp(AvroSchemaMapper.NAME_PROPERTY)).isEqualTo("my-ns.Inner");
    assertThat(outer.getField("anonymous").schema().getProp(AvroSchemaMapper.NAME_PROPERTY)).isNull();
    assertThat(outer.getField("tiny").schema().getProp(AvroSchemaMapper.TYPE_PROPERTY)).isEqualTo("int8");
    assertThat(outer.getField("small").schema().getTypes().get(1).getProp(AvroSchemaMapper.TYPE_PROPERTY))
        .isEqualTo("int16");
    // A one-field struct named like the wrapper's field is told apart by the mark.
    org.apache.kafka.connect.data.Schema lookalike = SchemaBuilder.struct()
        .field("value", org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build();
    assertThat(mapper.toAvro(lookalike).getObjectProp(AvroSchemaMapper.WRAPPED_PROPERTY)).isEqualTo(false);
  }

  @Test
  void duckDbReadsAParquetFileWithTheProperties(@TempDir Path dir) throws Exception {
    Struct value = new Struct(VALUE).put("tiny", (byte) -7).put("small", (short) 300)
        .put("inner", new Struct(INNER).put("n", 42))
        .put("anonymous", new Struct(VALUE.field("anonymous").schema()).put("s", "x"));
    SinkRecord record = new SinkRecord("t", 0, null, null, VALUE, value, 0L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new ParquetFormat(ParquetCodec.SNAPPY, 1 << 20, true, true,
        S3SinkConfig.COMPACT_MAX_DEFAULT, mapper, null).open(out, record);
    writer.write(record);
    writer.close();
    Path file = dir.resolve("props.snappy.parquet");
    Files.write(file, out.toByteArray());
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT tiny, small, \"inner\".n, anonymous.s FROM read_parquet('"
            + file.toString().replace("'", "''") + "')")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(-7);
      assertThat(rows.getInt(2)).isEqualTo(300);
      assertThat(rows.getInt(3)).isEqualTo(42);
      assertThat(rows.getString(4)).isEqualTo("x");
      assertThat(rows.next()).isFalse();
    }
  }
}
