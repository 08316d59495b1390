package io.streamlake.connect.json;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * The oracle: Kafka 3.7.2's {@code org.apache.kafka.connect.json.JsonConverter} with the Jackson a 3.7.2 worker
 * ships (2.16.2), loaded child-first from {@code target/worker-json} (copied there by the build), while the
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
    String dir = System.getProperty("worker.json.dir", "target/worker-json");
    File[] files = new File(dir).listFiles((d, name) -> name.endsWith(".jar"));
    if (files == null || files.length < 4) {
      throw new IllegalStateException("expected connect-json and Jackson 2.16 jars in " + dir
          + " (the build copies them in generate-test-resources)");
    }
    List<URL> urls = new ArrayList<>();
    try {
      for (File file : files) {
        urls.add(file.toURI().toURL());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ChildFirst(urls.toArray(URL[]::new), WorkerJsonConverter.class.getClassLoader());
  }

  /** Jackson and connect-json from its own jars; everything else (Connect API, Kafka clients) from the parent. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] jars, ClassLoader parent) {
      super(jars, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("com.fasterxml.jackson.") && !name.startsWith("org.apache.kafka.connect.json.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }
  }
}
