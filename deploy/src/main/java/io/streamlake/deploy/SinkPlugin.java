package io.streamlake.deploy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The S3 sink's own code, loaded from the plugin ZIP, for the commands that must give the answer the connector
 * gives (the Glue table of {@code catalog}, the Glue table names of {@code iam}). Only JDK and Connect API types
 * cross; Connect's API comes from this class path, as a worker provides it. Deletes the unpacked ZIP on close.
 */
public final class SinkPlugin implements AutoCloseable {

  private final PluginZip zip;
  private final URLClassLoader loader;

  private SinkPlugin(PluginZip zip, URLClassLoader loader) {
    this.zip = zip;
    this.loader = loader;
  }

  /** Unpacks {@code zipFile} and makes a class loader over its jars. */
  public static SinkPlugin open(Path zipFile) throws IOException {
    PluginZip plugin = PluginZip.unpack(zipFile);
    try {
      List<URL> jars = new ArrayList<>();
      try (Stream<Path> files = Files.walk(plugin.pluginPath())) {
        for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
          jars.add(jar.toUri().toURL());
        }
      }
      return new SinkPlugin(plugin, new URLClassLoader(jars.toArray(URL[]::new), SinkPlugin.class.getClassLoader()));
    } catch (IOException | RuntimeException e) {
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
      loader.close();
    } catch (IOException e) {
      // the jars are deleted with the unpacked ZIP below
    } finally {
      zip.close();
    }
  }
}
