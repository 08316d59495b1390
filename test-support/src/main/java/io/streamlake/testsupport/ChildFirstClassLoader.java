package io.streamlake.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs another release of a library beside the test class path: classes of the given packages (and resources under
 * their directories) come from this loader's own jars, and only from them; everything else (the Connect API, Kafka
 * clients, SLF4J) comes from the parent, so objects of those types pass between the test and the isolated code.
 * Used for oracles: Debezium 2.7 beside 3.x, Kafka's JsonConverter on the worker's Jackson beside the ZIP's.
 */
public final class ChildFirstClassLoader extends URLClassLoader {

  private final List<String> packages;
  private final List<String> resourceDirs;

  /** {@code packages} are package-name prefixes such as {@code "io.debezium."}. */
  public ChildFirstClassLoader(URL[] jars, ClassLoader parent, List<String> packages) {
    super(jars, parent);
    this.packages = List.copyOf(packages);
    this.resourceDirs = packages.stream().map(p -> p.replace('.', '/')).toList();
  }

  /**
   * A loader of every jar in {@code dir}; fails when there are fewer than {@code minJars} ({@code why} says how the
   * build puts them there).
   */
  public static ChildFirstClassLoader ofJarsIn(Path dir, int minJars, String why, ClassLoader parent,
      List<String> packages) {
    URL[] jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().map(ChildFirstClassLoader::url)
          .toArray(URL[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + " (" + why + ")", e);
    }
    if (jars.length < minJars) {
      throw new IllegalStateException("expected at least " + minJars + " jars in " + dir + ", found " + jars.length
          + " (" + why + ")");
    }
    return new ChildFirstClassLoader(jars, parent, packages);
  }

  private boolean ownClass(String name) {
    return packages.stream().anyMatch(name::startsWith);
  }

  private boolean ownResource(String name) {
    return resourceDirs.stream().anyMatch(name::startsWith);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!ownClass(name)) {
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
    URL own = ownResource(name) ? findResource(name) : null;
    return own != null ? own : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return ownResource(name) ? findResources(name) : super.getResources(name);
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
