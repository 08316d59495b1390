package io.streamlake.deploy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.runtime.isolation.PluginClassLoader;
import org.apache.kafka.connect.runtime.isolation.Plugins;

/**
 * The S3 sink's own code, loaded from the plugin ZIP, for the commands that must give the answer the connector
 * gives (the Glue table of {@code catalog}, the Glue table names of {@code iam}). Loaded as a worker loads it:
 * Connect's {@link Plugins} with {@code plugin.discovery=service_load} gives the plugin's own child-first
 * {@code PluginClassLoader}, so Avro, Jackson, the AWS SDK and the rest come from the ZIP, and only what Connect
 * keeps shared (Kafka, Connect's API, slf4j) from this class path. Only JDK and Connect API types cross. Deletes
 * the unpacked ZIP on close.
 */
public final class SinkPlugin implements AutoCloseable {

  /** The sink's connector class: its plugin loader is the sink's. */
  static final String SINK_CONNECTOR = "io.streamlake.connect.s3.S3SinkConnector";

  private final PluginZip zip;
  private final ClassLoader loader;

  private SinkPlugin(PluginZip zip, ClassLoader loader) {
    this.zip = zip;
    this.loader = loader;
  }

  /** Unpacks {@code zipFile} and makes a class loader over its jars. */
  public static SinkPlugin open(Path zipFile) throws IOException {
    PluginZip plugin = PluginZip.unpack(zipFile);
    try {
      Map<String, String> worker = new HashMap<>();
      worker.put("plugin.path", plugin.pluginPath().toString());
      worker.put("plugin.discovery", "service_load");
      ClassLoader loader = new Plugins(worker).connectorLoader(SINK_CONNECTOR);
      if (!(loader instanceof PluginClassLoader)) {
        throw new IllegalStateException("the plugin ZIP " + zipFile + " has no " + SINK_CONNECTOR);
      }
      return new SinkPlugin(plugin, loader);
    } catch (RuntimeException e) {
      plugin.close();
      throw e;
    }
  }

  /**
   * Calls a public static method of the sink.
   *
   * @throws IllegalArgumentException with the sink's message, when the sink's method throws
   */
  public Object call(String className, String method, Class<?>[] parameterTypes, Object... args) {
    Method target;
    try {
      target = loader.loadClass(className).getMethod(method, parameterTypes);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the plugin ZIP " + zip.zip() + " has no " + className + "." + method
          + " (an older ZIP?): " + e, e);
    }
    try {
      return target.invoke(null, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalArgumentException(cause.getMessage(), cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The class loader of the sink's classes (tests). */
  ClassLoader loader() {
    return loader;
  }

  @Override
  public void close() {
    try {
      ((PluginClassLoader) loader).close();
    } catch (IOException e) {
      // the jars are deleted with the unpacked ZIP below
    } finally {
      zip.close();
    }
  }
}
