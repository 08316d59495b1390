package io.streamlake.connect.cdc.oracle;

import io.streamlake.testsupport.ChildFirstClassLoader;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Debezium's own {@code ExtractNewRecordState}: the current release from the test class path, the 2.7 release
 * (which still has {@code drop.tombstones}/{@code delete.handling.mode}) from jars copied to
 * {@code target/debezium-legacy} and loaded by a {@link ChildFirstClassLoader} (only {@code io.debezium.*} from
 * those jars).
 */
public final class DebeziumOracle implements AutoCloseable {

  private static final String SMT = "io.debezium.transforms.ExtractNewRecordState";

  private final ClassLoader loader;
  private final String version;

  private DebeziumOracle(ClassLoader loader, String version) {
    this.loader = loader;
    this.version = version;
  }

  /** Debezium 3.x, on the test class path. */
  public static DebeziumOracle current() {
    return new DebeziumOracle(DebeziumOracle.class.getClassLoader(), implementationVersion(
        DebeziumOracle.class.getClassLoader()));
  }

  /** Debezium 2.7.x, isolated. */
  public static DebeziumOracle legacy() {
    Path dir = Path.of(System.getProperty("debezium.legacy.dir", "target/debezium-legacy"));
    ClassLoader loader = ChildFirstClassLoader.ofJarsIn(dir, 1, "the build copies the Debezium 2.7 jars there; run it"
        + " through Maven", DebeziumOracle.class.getClassLoader(), List.of("io.debezium."));
    return new DebeziumOracle(loader, implementationVersion(loader));
  }

  /** The Debezium release this oracle runs, read from the jar holding the SMT. */
  public String version() {
    return version;
  }

  /** A configured Debezium SMT. */
  @SuppressWarnings("unchecked")
  public Transformation<SinkRecord> configured(Map<String, String> config) {
    try {
      Transformation<SinkRecord> smt = (Transformation<SinkRecord>) loader.loadClass(SMT)
          .getDeclaredConstructor().newInstance();
      smt.configure(config);
      return smt;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot create " + SMT + " " + version, e);
    }
  }

  /** The option names Debezium's SMT declares. */
  public List<String> optionNames() {
    return List.copyOf(configured(Map.of()).config().names());
  }

  private static String implementationVersion(ClassLoader loader) {
    try {
      URL location = loader.loadClass(SMT).getProtectionDomain().getCodeSource().getLocation();
      String path = location.getPath();
      return path.substring(path.lastIndexOf('/') + 1).replace("debezium-core-", "").replace(".jar", "");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(SMT + " is not on the class path", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (loader instanceof ChildFirstClassLoader own) {
      own.close();
    }
  }
}
