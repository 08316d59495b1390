package io.streamlake.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Against s3proxy with authentication required: only the right key pair reads. */
class S3ImportConfigProviderTest {

  private static final String ACCESS_KEY = "import-access-key";
  private static final String SECRET_KEY = "import-secret-key";
  private static final String BUCKET = "certs-bucket";

  @TempDir
  Path localDir;

  private S3Proxy proxy;
  private URI endpoint;
  private S3Client admin;
  private S3ImportConfigProvider provider;

  @BeforeEach
  void start() throws Exception {
    proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    admin = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
    admin.createBucket(b -> b.bucket(BUCKET));
    put("kafka/truststore.jks", "trust-store-bytes-v1");
    provider = configured(SECRET_KEY);
  }

  private S3ImportConfigProvider configured(String secretKey) {
    Map<String, String> params = new HashMap<>(Map.of("region", "us-east-1", "endpoint", endpoint.toString(),
        "path.style.access", "true", "local.dir", localDir.toString(), "aws.access.key.id", ACCESS_KEY,
        "aws.secret.access.key", secretKey, "retry.backoff.ms", "1"));
    S3ImportConfigProvider configured = new S3ImportConfigProvider();
    configured.configure(params);
    return configured;
  }

  private void put(String key, String content) {
    admin.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content));
  }

  @AfterEach
  void stop() throws Exception {
    provider.close();
    admin.close();
    proxy.stop();
  }

  @Test
  void copiesTheObjectAndResolvesToItsLocalPathReadableByTheOwnerOnly() throws Exception {
    ConfigData data = provider.get("us-east-1", Set.of(BUCKET + "/kafka/truststore.jks"));
    Path file = Path.of(data.data().get(BUCKET + "/kafka/truststore.jks"));
    assertThat(file).isEqualTo(localDir.resolve(BUCKET).resolve("kafka/truststore.jks"));
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("trust-store-bytes-v1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).as("no temporary file left").containsExactly(file);
    }
  }

  @Test
  void aRotatedObjectReplacesTheCopyAtTheNextResolution() throws Exception {
    String key = BUCKET + "/kafka/truststore.jks";
    Path file = Path.of(provider.get("", Set.of(key)).data().get(key));
    put("kafka/truststore.jks", "trust-store-bytes-v2");
    assertThat(provider.get("", Set.of(key + "?ttl=3600000")).data().get(key + "?ttl=3600000"))
        .isEqualTo(file.toString());
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("trust-store-bytes-v2");
  }

  @Test
  void aMissingObjectFailsNamingTheReference() {
    assertThatThrownBy(() -> provider.get("us-east-1", Set.of(BUCKET + "/kafka/missing.jks")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${s3import:us-east-1:" + BUCKET + "/kafka/missing.jks}")
        .hasMessageContaining("no such bucket or object");
  }

  @Test
  void wrongCredentialsFailAsAccessDenied() {
    provider.close();
    provider = configured("wrong-secret");
    assertThatThrownBy(() -> provider.get("", Set.of(BUCKET + "/kafka/truststore.jks")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("${s3import::" + BUCKET + "/kafka/truststore.jks}")
        .hasMessageContaining("access denied")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret"));
  }

  @Test
  void keysThatLeaveTheLocalDirectoryOrLackABucketAreRefused() {
    assertThatThrownBy(() -> provider.get("", Set.of(BUCKET + "/../../etc/passwd")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("leaves local.dir");
    assertThatThrownBy(() -> provider.get("", Set.of("truststore.jks")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("<bucket>/<object key>");
  }
}
