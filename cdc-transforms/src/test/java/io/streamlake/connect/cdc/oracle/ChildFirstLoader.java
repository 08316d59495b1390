package io.streamlake.connect.cdc.oracle;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * Loads {@code io.debezium.*} classes and resources from its own jars first, everything else (Connect API,
 * Kafka's SMTs, Jackson, SLF4J) from the test class path, so two Debezium releases can run side by side and
 * still exchange {@code SinkRecord}s with the test.
 */
final class ChildFirstLoader extends URLClassLoader {

  private static final String PACKAGE = "io.debezium.";
  private static final String RESOURCE_DIR = "io/debezium/";

  ChildFirstLoader(URL[] jars, ClassLoader parent) {
    super(jars, parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(PACKAGE)) {
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
    URL own = name.startsWith(RESOURCE_DIR) ? findResource(name) : null;
    return own != null ? own : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.startsWith(RESOURCE_DIR) ? findResources(name) : super.getResources(name);
  }

}
