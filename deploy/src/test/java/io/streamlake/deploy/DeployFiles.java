package io.streamlake.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures: where the deploy kit and the built plugin ZIP are (set by the build, see deploy/pom.xml). */
public final class DeployFiles {

  private DeployFiles() {}

  public static Path deployDir() {
    return Path.of(System.getProperty("streamlake.deploy.dir", "."));
  }

  public static Path connectors() {
    return deployDir().resolve("connectors");
  }

  public static Path pluginZip() {
    Path zip = Path.of(System.getProperty(PluginZip.ZIP_PROPERTY, "target/plugin/streamlake-plugin.zip"));
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException("the plugin ZIP " + zip + " is missing; build deploy with Maven, which"
          + " copies it from the packaging module");
    }
    return zip;
  }
}
