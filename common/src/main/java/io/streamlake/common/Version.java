package io.streamlake.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version every connector and transform reports: the {@code Implementation-Version} of the jar that
 * holds the given class, else the bundle version this jar was built with, else {@value #UNKNOWN}.
 */
public final class Version {

  /** What is reported when no version can be found (classes run from a directory, no resource). */
  public static final String UNKNOWN = "unknown";

  private static final String BUILT = builtVersion();

  private Version() {}

  /** The version of the jar that holds {@code component}. */
  public static String of(Class<?> component) {
    Package pkg = component.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return version == null || version.isBlank() ? BUILT : version;
  }

  private static String builtVersion() {
    try (InputStream in = Version.class.getResourceAsStream("/streamlake-version.properties")) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties props = new Properties();
      props.load(in);
      String version = props.getProperty("version", "").trim();
      return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
    } catch (IOException e) {
      return UNKNOWN;
    }
  }
}
