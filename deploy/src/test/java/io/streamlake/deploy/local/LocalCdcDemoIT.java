package io.streamlake.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlake.deploy.DeployFiles;
import io.streamlake.deploy.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDC example end to end in the demo: Debezium change events of inventory.orders, the unwrap SMT and
 * ConvertDebeziumTypes loaded from the ZIP, and the sink: the Parquet files hold the row columns with real types
 * (DECIMAL, TIMESTAMP from MicroTimestamp) and the columns the unwrap adds.
 */
class LocalCdcDemoIT {

  @TempDir
  Path dir;

  @Test
  void testChangeEventsLandAsTypedRows() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path data = dir.resolve("demo-data");
    int code = Main.run(List.of("local", "--plugin-zip", DeployFiles.pluginZip().toString(), "--data-dir",
        data.toString(), "--duration", "10", "--rotate-seconds", "3", "--rate", "100",
        DeployFiles.connectors().resolve("postgres-cdc-s3-parquet.json").toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output).isZero();
    assertThat(output).contains("Debezium change events of inventory.orders to pg.inventory.orders");

    Path file;
    try (Stream<Path> files = Files.walk(data.resolve("my-event-lake/cdc/pg.inventory.orders"))) {
      file = files.filter(p -> p.toString().endsWith(".snappy.parquet")).findFirst().orElseThrow();
    }
    FileMetaData footer = footer(Files.readAllBytes(file));
    assertThat(footer.getNum_rows()).isPositive();
    Map<String, SchemaElement> columns = new HashMap<>();
    footer.getSchema().forEach(c -> columns.put(c.getName(), c));
    assertThat(columns).containsKeys("id", "customer_id", "status", "total", "updated_at", "__deleted", "__op",
        "__source_ts_ms", "__source_lsn");
    assertThat(columns.get("__deleted").getType()).isEqualTo(Type.BOOLEAN);
    assertThat(columns.get("updated_at").getLogicalType().isSetTIMESTAMP()).isTrue();
    assertThat(columns.get("total").getLogicalType().isSetDECIMAL()).isTrue();
    assertThat(columns.get("total").getLogicalType().getDECIMAL().getScale()).isEqualTo(2);
  }

  private static FileMetaData footer(byte[] file) throws IOException {
    int length = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return Util.readFileMetaData(new ByteArrayInputStream(file, file.length - 8 - length, length));
  }
}
