package io.streamlake.connect.json;

import io.streamlake.testsupport.ChildFirstClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * The oracle: Kafka 3.7.2's {@code org.apache.kafka.connect.json.JsonConverter} with the Jackson a 3.7.2 worker
 * ships (2.16.2), loaded child-first ({@link ChildFirstClassLoader}) from {@code target/worker-json} (copied there
 * by the build), while the
 * Connect API classes come from the test class path so that schemas, values and exceptions compare directly.
 * Our converter meanwhile runs on the plugin ZIP's Jackson from the test class path: the pairing of a real
 * MSK Connect 3.7 worker running our plugin.
 */
final class WorkerJsonConverter {

  private static final ClassLoader LOADER = loader();

  private WorkerJsonConverter() {}

  static Converter converter(Map<String, ?> config, boolean isKey) {
    Converter converter = (Converter) instance();
    converter.configure(config, isKey);
    return converter;
  }

  static HeaderConverter headerConverter(Map<String, ?> config) {
    HeaderConverter converter = (HeaderConverter) instance();
    converter.configure(config);
    return converter;
  }

  /** The Jackson version the oracle runs on, to show in the test output. */
  static String jacksonVersion() {
    try {
      Class<?> version = Class.forName("com.fasterxml.jackson.databind.cfg.PackageVersion", true, LOADER);
      return String.valueOf(version.getField("VERSION").get(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object instance() {
    try {
      return Class.forName("org.apache.kafka.connect.json.JsonConverter", true, LOADER)
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("JsonConverter not loadable from " + System.getProperty("worker.json.dir"), e);
    }
  }

  private static ClassLoader loader() {
    return ChildFirstClassLoader.ofJarsIn(Path.of(System.getProperty("worker.json.dir", "target/worker-json")), 4,
        "connect-json and the Jackson 2.16 jars, which the build copies there in generate-test-resources",
        WorkerJsonConverter.class.getClassLoader(),
        List.of("com.fasterxml.jackson.", "org.apache.kafka.connect.json."));
  }
}
