package io.streamlake.connect.s3.source.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.connect.s3.config.AvroCodec;
import io.streamlake.connect.s3.config.ParquetCodec;
import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.format.AvroFormat;
import io.streamlake.connect.s3.format.AvroSchemaMapper;
import io.streamlake.connect.s3.format.ParquetFormat;
import io.streamlake.connect.s3.format.RecordFormat;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files the sink wrote from schemaless values with a configured {@code schemaless.avro.schema}: Avro types a Connect
 * schema never produces (enum, fixed, uuid, micros, local timestamps) and no {@code connect.*} marks.
 */
class ConfiguredSchemaFilesTest {

  private static final org.apache.avro.Schema CONFIGURED = new org.apache.avro.Schema.Parser().parse("""
      {"type":"record","name":"Event","namespace":"com.example","fields":[
        {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
        {"name":"hash","type":{"type":"fixed","name":"Hash","size":4}},
        {"name":"id","type":{"type":"string","logicalType":"uuid"}},
        {"name":"micros","type":{"type":"long","logicalType":"timestamp-micros"}},
        {"name":"local","type":{"type":"long","logicalType":"local-timestamp-millis"}},
        {"name":"clock","type":["null",{"type":"long","logicalType":"time-micros"}],"default":null}]}""");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"avro", "parquet"})
  void configuredSchemasReadAsTheirBaseTypes(String format) throws Exception {
    long compact = S3SinkConfig.COMPACT_MAX_DEFAULT;
    RecordFormat sink = format.equals("avro")
        ? new AvroFormat(AvroCodec.NULL, compact, new AvroSchemaMapper(38), CONFIGURED)
        : new ParquetFormat(ParquetCodec.NONE, 1 << 20, true, true, compact, new AvroSchemaMapper(38), CONFIGURED);
    Map<String, Object> value = new HashMap<>();
    value.put("kind", "B");
    value.put("hash", new byte[] {1, 2, 3, 4});
    value.put("id", "6f1c0b0e-8f53-4c5e-9a55-3e7f1d2c4b5a");
    value.put("micros", 1_767_225_600_123_456L);
    value.put("local", 1_767_225_600_123L);
    value.put("clock", 3_723_004_005L);
    StoredFile file = SinkFiles.write(dir, sink, "topics/e/0/e+0+0",
        List.of(new SinkRecord("e", 0, null, null, null, value, 0L)));

    StoredRecord read = SinkFiles.readAll(new StoredFileReaders(false).open(file, null, null)).get(0);

    Schema expected = SchemaBuilder.struct().name("com.example.Event")
        .field("kind", Schema.STRING_SCHEMA)
        .field("hash", Schema.BYTES_SCHEMA)
        .field("id", Schema.STRING_SCHEMA)
        .field("micros", Schema.INT64_SCHEMA)
        .field("local", Timestamp.SCHEMA)
        .field("clock", Schema.OPTIONAL_INT64_SCHEMA)
        .build();
    assertThat(read.valueSchema()).isEqualTo(expected);
    Struct struct = (Struct) read.value();
    assertThat(struct.get("kind")).isEqualTo("B");
    assertThat(struct.getBytes("hash")).containsExactly(1, 2, 3, 4);
    assertThat(struct.get("id")).isEqualTo("6f1c0b0e-8f53-4c5e-9a55-3e7f1d2c4b5a");
    assertThat(struct.get("micros")).isEqualTo(1_767_225_600_123_456L);
    assertThat(struct.get("local")).isEqualTo(new java.util.Date(1_767_225_600_123L));
    assertThat(struct.get("clock")).isEqualTo(3_723_004_005L);
  }
}
