package io.streamlake.connect.config;

import io.streamlake.common.retry.Retrier;
import io.streamlake.common.retry.RetryFailure;
import io.streamlake.common.retry.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Resolves {@code ${s3import:<region>:<bucket>/<key>}} to the local path of a copy of that S3 object, with the
 * syntax of the MSK developer guide's sample provider: for settings that take a file, such as a trust store
 * ({@code ssl.truststore.location}). An empty region ({@code ${s3import::bucket/key}}) means the provider's.
 * The object is downloaded at every resolution to a temporary file beside its target and moved over it
 * atomically, so a rotated object replaces the old copy and a reader never sees half a file; the copy is
 * readable by the worker's user only from its first byte: the temporary file is created owner-only ({@code 0600}) and
 * the response is streamed into it, and the directories the provider creates are owner-only ({@code 0700}), as is
 * the default {@code local.dir}. The target is {@code <local.dir>/<bucket>/<key>}.
 */
public final class S3ImportConfigProvider implements ConfigProvider {

  /** The name this provider is documented under: {@code config.providers=s3import,...}. */
  public static final String NAME = "s3import";

  public static final String LOCAL_DIR_CONFIG = "local.dir";
  private static final String LOCAL_DIR_DOC = "Directory the objects are copied to, as <local.dir>/<bucket>/<key>."
      + " Empty means streamlake-s3import under the JVM's temporary directory (java.io.tmpdir).";

  public static final String PATH_STYLE_CONFIG = "path.style.access";
  private static final String PATH_STYLE_DOC = "Address buckets as <endpoint>/<bucket> instead of"
      + " <bucket>.<endpoint>: for S3-compatible endpoints set with endpoint.";

  public static final ConfigDef CONFIG_DEF = defineOwn(ProviderOptions.define(new ConfigDef()));

  private static final Logger LOG = LoggerFactory.getLogger(S3ImportConfigProvider.class);
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private ProviderOptions options;
  private Retrier retrier;
  private AwsClients clients;
  private Path localDir;
  private boolean defaultLocalDir;
  private boolean pathStyle;
  private final Map<Region, S3Client> byRegion = new HashMap<>();

  private static ConfigDef defineOwn(ConfigDef def) {
    def.define(LOCAL_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, LOCAL_DIR_DOC, "S3 import", 1, Width.LONG,
        "Local directory");
    def.define(PATH_STYLE_CONFIG, Type.BOOLEAN, false, Importance.LOW, PATH_STYLE_DOC, "S3 import", 2, Width.SHORT,
        "Path-style access");
    return def;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    options = ProviderOptions.parse(NAME, CONFIG_DEF, configs);
    AbstractConfig own = new AbstractConfig(CONFIG_DEF, configs, false);
    String dir = own.getString(LOCAL_DIR_CONFIG).trim();
    defaultLocalDir = dir.isEmpty();
    localDir = (dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "streamlake-s3import") : Path.of(dir))
        .toAbsolutePath().normalize();
    pathStyle = own.getBoolean(PATH_STYLE_CONFIG);
    retrier = options.retrier(Sleeper.THREAD);
    clients = new AwsClients(options);
  }

  @Override
  public ConfigData get(String path) {
    throw new ConfigException("The " + NAME + " config provider resolves single references only"
        + " (${" + NAME + ":<region>:<bucket>/<key>}), not a whole path");
  }

  @Override
  public ConfigData get(String path, Set<String> keys) {
    ResolvedValues values = new ResolvedValues(options.ttlMs());
    for (String rawKey : keys) {
      Reference reference = Reference.of(NAME, path, rawKey);
      int slash = reference.key().indexOf('/');
      if (slash <= 0 || slash == reference.key().length() - 1) {
        throw new ConfigException("Invalid reference ${" + reference + "}: the key must be <bucket>/<object key>");
      }
      String bucket = reference.key().substring(0, slash);
      String objectKey = reference.key().substring(slash + 1);
      Path target = localDir.resolve(bucket).resolve(objectKey).normalize();
      if (!target.startsWith(localDir.resolve(bucket)) || target.equals(localDir.resolve(bucket))) {
        throw new ConfigException("Invalid reference ${" + reference + "}: the object key leaves "
            + LOCAL_DIR_CONFIG + " (" + localDir + ")");
      }
      Region region = reference.pathOrEmpty().isBlank() ? options.region() : Region.of(reference.pathOrEmpty());
      download(reference, region, bucket, objectKey, target);
      values.put(reference, target.toString());
    }
    return values.toConfigData();
  }

  private void download(Reference reference, Region region, String bucket, String objectKey, Path target) {
    Path temp;
    try {
      ownerOnlyDirectories(target.getParent(), defaultLocalDir ? localDir : localDir.resolve(bucket));
      temp = POSIX
          ? Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part", OWNER_ONLY_FILE)
          : Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    } catch (IOException e) {
      throw new ConfigException("Could not resolve ${" + reference + "}: cannot write under " + localDir + " ("
          + e + ")");
    }
    try {
      retrier.call("S3 GetObject s3://" + bucket + "/" + objectKey, () -> {
        fetchInto(region, bucket, objectKey, temp);
        return null;
      });
      move(temp, target);
      LOG.info("Imported s3://{}/{} to {} (reference {})", bucket, objectKey, target, reference);
    } catch (RetryFailure e) {
      throw AwsErrors.failed(reference, e, "no such bucket or object");
    } catch (IOException | UncheckedIOException e) {
      throw new ConfigException("Could not resolve ${" + reference + "}: cannot write " + target + " (" + e + ")");
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover .part file is harmless
      }
    }
  }

  /**
   * One attempt: streams the object into {@code temp}, truncating what an earlier attempt wrote. The file is written
   * in place (not re-created, as the SDK's {@code ResponseTransformer.toFile} does), so it keeps its owner-only
   * permissions. A failed read of the response is a client-side I/O failure, retried like the SDK's own; a failed
   * write is not.
   */
  private void fetchInto(Region region, String bucket, String objectKey, Path temp) {
    try (InputStream in = client(region).getObject(r -> r.bucket(bucket).key(objectKey));
        OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buffer = new byte[64 * 1024];
      while (true) {
        int read;
        try {
          read = in.read(buffer);
        } catch (IOException e) {
          throw SdkClientException.create("reading s3://" + bucket + "/" + objectKey + " failed: " + e, e);
        }
        if (read < 0) {
          return;
        }
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates {@code dir} and its missing parents owner-only and makes the provider's own existing directories from
   * {@code top} down to {@code dir} owner-only too (copies made by an earlier version may sit in 0755 ones).
   */
  private static void ownerOnlyDirectories(Path dir, Path top) throws IOException {
    if (!POSIX) {
      Files.createDirectories(dir);
      return;
    }
    Files.createDirectories(dir, OWNER_ONLY_DIR);
    for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
      if (!Files.getPosixFilePermissions(d).equals(OWNER_ONLY_DIR.value())) {
        Files.setPosixFilePermissions(d, OWNER_ONLY_DIR.value());
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    ownerOnly(temp);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    if (Files.exists(file) && POSIX) {
      Files.setPosixFilePermissions(file, OWNER_ONLY_FILE.value());
    }
  }

  private synchronized S3Client client(Region region) {
    return byRegion.computeIfAbsent(region,
        r -> clients.build(S3Client.builder().forcePathStyle(pathStyle), r));
  }

  @Override
  public void close() {
    if (clients != null) {
      clients.close();
    }
  }
}
