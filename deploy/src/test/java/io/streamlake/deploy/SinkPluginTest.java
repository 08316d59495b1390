package io.streamlake.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The sink as {@link SinkPlugin} loads it from the built plugin ZIP: child-first like a worker, so its own
 * libraries come from the ZIP even where the CLI's class path has them too, and Connect's API is shared.
 */
class SinkPluginTest {

  @Test
  void libsOfTheZipComeFromTheZipAndConnectsApiFromTheCli() throws Exception {
    ClassLoader cli = SinkPlugin.class.getClassLoader();
    try (SinkPlugin sink = SinkPlugin.open(PluginZip.locate(null))) {
      ClassLoader plugin = sink.loader();
      for (String bundled : new String[] {"org.apache.avro.Schema", "com.fasterxml.jackson.databind.ObjectMapper",
          "software.amazon.awssdk.core.SdkBytes"}) {
        assertThat(cli.loadClass(bundled)).as(bundled + " is on the CLI's class path too").isNotNull();
        Class<?> loaded = plugin.loadClass(bundled);
        assertThat(loaded.getClassLoader()).as(bundled).isSameAs(plugin);
        assertThat(loaded.getProtectionDomain().getCodeSource().getLocation().getPath()).as(bundled)
            .contains("streamlake-plugin");
      }
      assertThat(plugin.loadClass("io.streamlake.connect.s3.catalog.CatalogPreview").getClassLoader())
          .isSameAs(plugin);
      for (Class<?> shared : new Class<?>[] {org.apache.kafka.connect.data.Schema.class,
          org.apache.kafka.common.config.ConfigDef.class, org.slf4j.Logger.class}) {
        assertThat(plugin.loadClass(shared.getName())).as(shared.getName()).isSameAs(shared);
      }
      assertThat(sink.call("io.streamlake.connect.s3.catalog.CatalogPreview", "tableName",
          new Class<?>[] {String.class, String.class}, "raw_${topic}", "Order-Events")).isEqualTo("raw_order_events");
    }
  }

  @Test
  void theUnpackedZipIsDeletedOnClose() throws Exception {
    java.nio.file.Path unpacked;
    try (SinkPlugin sink = SinkPlugin.open(PluginZip.locate(null))) {
      unpacked = java.nio.file.Path.of(sink.loader().loadClass("io.streamlake.connect.s3.S3SinkConnector")
          .getProtectionDomain().getCodeSource().getLocation().toURI());
      assertThat(Files.exists(unpacked)).isTrue();
    }
    assertThat(Files.exists(unpacked)).isFalse();
  }
}
