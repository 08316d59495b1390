package io.streamlake.connect.lag;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The bundle version, from the jar's build-time resource. */
public final class Version {

  private static final String VERSION = load();

  private Version() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/streamlake-lag-metrics.properties")) {
      Properties props = new Properties();
      if (in != null) {
        props.load(in);
      }
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
