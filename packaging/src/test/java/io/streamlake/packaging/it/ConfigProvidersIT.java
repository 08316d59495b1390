package io.streamlake.packaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.ConnectRest;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.testsupport.AwsJsonStandIn;
import io.streamlake.testsupport.AwsJsonStandIn.AwsError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The config providers of the built ZIP in a real Connect worker (local-kit: KRaft Kafka and a distributed worker in
 * this JVM), as MSK Connect runs them: declared in the worker
 * configuration, loaded from the ZIP on {@code plugin.path} (their jar is not on this JVM's class path), resolving
 * {@code ${secretsmanager:...}} and {@code ${ssm::...}} in a sink's configuration against in-process stand-ins of
 * Secrets Manager and SSM ({@link AwsJsonStandIn}), for an S3 endpoint (s3proxy) that requires authentication, so
 * the sink lands files only with the resolved key pair. The secret must appear neither in the worker's log (every
 * event at INFO and above, io.streamlake at DEBUG, captured for the class) nor in the REST API's configs; an unknown
 * secret and a denied request fail with the reference named and no value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigProvidersIT {

  private static final String SINK = "io.streamlake.connect.s3.S3SinkConnector";
  private static final List<String> PROVIDERS = List.of("io.streamlake.connect.config.SecretsManagerConfigProvider",
      "io.streamlake.connect.config.SsmParamStoreConfigProvider", "io.streamlake.connect.config.S3ImportConfigProvider");
  private static final String BUCKET = "secret-lake";
  private static final String TOPIC = "payments";
  /** The sink's key pair, known only to s3proxy and the stand-ins. */
  private static final String SINK_ACCESS_KEY = "AKIASINKFROMSSM";
  private static final String SINK_SECRET_KEY = "sink-Secret+Key/From-SecretsManager-0042";
  private static final String PROVIDER_ACCESS_KEY = "AKIAPROVIDER";
  private static final String PROVIDER_SECRET = "provider-Secret-in-the-worker-config-77";
  private static final String SECRET_REF = "${secretsmanager:streamlake/it/s3:secret_access_key}";
  private static final String ACCESS_KEY_REF = "${ssm::/streamlake/it/s3-access-key-id}";

  @TempDir
  static Path pluginPath;
  @TempDir
  static Path importDir;

  private final Path zip = Path.of(System.getProperty("plugin.zip", "target/streamlake-plugin.zip"));
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final AppenderSkeleton capture = new AppenderSkeleton() {
    @Override
    protected void append(LoggingEvent event) {
      StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getRenderedMessage());
      ThrowableInformation thrown = event.getThrowableInformation();
      if (thrown != null) {
        for (String trace : thrown.getThrowableStrRep()) {
          line.append('\n').append(trace);
        }
      }
      log.add(line.toString());
    }

    @Override
    public void close() {}

    @Override
    public boolean requiresLayout() {
      return false;
    }
  };
  private Level rootLevel;
  private Level ownLevel;
  private AwsJsonStandIn secretsManager;
  private AwsJsonStandIn ssm;
  private S3Proxy s3;
  private URI s3Endpoint;
  private S3Client admin;
  private KafkaCluster kafka;
  private ConnectCluster connect;
  private ConnectRest rest;

  @BeforeAll
  void start() throws Exception {
    assertThat(zip).as("the built plugin ZIP (run through `mvn verify`)").isRegularFile();
    unzip(zip, pluginPath);
    rootLevel = Logger.getRootLogger().getLevel();
    ownLevel = Logger.getLogger("io.streamlake").getLevel();
    Logger.getRootLogger().setLevel(Level.INFO);
    Logger.getLogger("io.streamlake").setLevel(Level.DEBUG);
    Logger.getRootLogger().addAppender(capture);

    secretsManager = AwsJsonStandIn.start("Secrets Manager").on("secretsmanager.GetSecretValue", request -> {
      String id = request.path("SecretId").asText();
      if (!id.equals("streamlake/it/s3")) {
        throw AwsJsonStandIn.notFound("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
      }
      return Map.of("Name", id, "SecretString", "{\"secret_access_key\":\"" + SINK_SECRET_KEY + "\"}");
    });
    ssm = AwsJsonStandIn.start("SSM").on("AmazonSSM.GetParameter", request -> {
      String name = request.path("Name").asText();
      if (name.equals("/streamlake/it/denied")) {
        throw new AwsError(400, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/connector is not"
            + " authorized to perform: ssm:GetParameter on resource: parameter" + name);
      }
      if (!name.equals("/streamlake/it/s3-access-key-id")) {
        throw AwsJsonStandIn.notFound("ParameterNotFound", "");
      }
      return Map.of("Parameter", Map.of("Name", name, "Type", "SecureString", "Value", SINK_ACCESS_KEY));
    });

    s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, SINK_ACCESS_KEY, SINK_SECRET_KEY).build();
    s3.start();
    await(Duration.ofSeconds(30), () -> "STARTED".equals(s3.getState()), () -> s3.getState());
    s3Endpoint = URI.create("http://127.0.0.1:" + s3.getPort());
    admin = client(SINK_SECRET_KEY);
    admin.createBucket(b -> b.bucket(BUCKET));

    Map<String, String> worker = new HashMap<>();
    worker.put("config.providers", "secretsmanager,ssm,s3import");
    worker.put("config.providers.secretsmanager.class", PROVIDERS.get(0));
    worker.put("config.providers.ssm.class", PROVIDERS.get(1));
    worker.put("config.providers.s3import.class", PROVIDERS.get(2));
    for (String provider : List.of("secretsmanager", "ssm", "s3import")) {
      String param = "config.providers." + provider + ".param.";
      worker.put(param + "region", "us-east-1");
      worker.put(param + "aws.access.key.id", PROVIDER_ACCESS_KEY);
      worker.put(param + "aws.secret.access.key", PROVIDER_SECRET);
      worker.put(param + "retry.backoff.ms", "10");
    }
    worker.put("config.providers.secretsmanager.param.endpoint", secretsManager.endpoint().toString());
    worker.put("config.providers.ssm.param.endpoint", ssm.endpoint().toString());
    worker.put("config.providers.s3import.param.endpoint", s3Endpoint.toString());
    worker.put("config.providers.s3import.param.path.style.access", "true");
    worker.put("config.providers.s3import.param.local.dir", importDir.toString());
    kafka = KafkaCluster.start();
    connect = ConnectCluster.builder(kafka.bootstrapServers()).group("config-providers-it").pluginPath(pluginPath)
        .workerProperties(worker).start();
    rest = connect.rest();
  }

  private static void await(Duration timeout, BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + state.get());
      }
      Thread.sleep(250);
    }
  }

  private S3Client client(String secretKey) {
    return S3Client.builder().endpointOverride(s3Endpoint).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SINK_ACCESS_KEY, secretKey)))
        .build();
  }

  @AfterAll
  void stop() throws Exception {
    Logger.getRootLogger().removeAppender(capture);
    Logger.getRootLogger().setLevel(rootLevel);
    Logger.getLogger("io.streamlake").setLevel(ownLevel);
    if (connect != null) {
      connect.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (s3 != null) {
      s3.stop();
    }
    if (secretsManager != null) {
      secretsManager.close();
    }
    if (ssm != null) {
      ssm.close();
    }
  }

  private static void unzip(Path zip, Path target) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : Collections.list(file.entries())) {
        Path out = target.resolve(entry.getName()).normalize();
        assertThat(out.startsWith(target)).as(entry.getName()).isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, out);
          }
        }
      }
    }
  }

  private Map<String, String> sinkConfig(String accessKey, String secretKey) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", SINK);
    config.put("tasks.max", "1");
    config.put("topics", TOPIC);
    config.put("s3.bucket.name", BUCKET);
    config.put("s3.region", "us-east-1");
    config.put("store.url", s3Endpoint.toString());
    config.put("aws.access.key.id", accessKey);
    config.put("aws.secret.access.key", secretKey);
    config.put("format.class", "json");
    config.put("flush.size", "3");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  @Test
  void theProvidersComeFromTheZipOnly() {
    for (String provider : PROVIDERS) {
      assertThrows(ClassNotFoundException.class,
          () -> Class.forName(provider, false, ClassLoader.getSystemClassLoader()), provider);
    }
  }

  @Test
  void theSinkAuthenticatesWithTheResolvedKeyPairAndTheSecretStaysHidden() throws Exception {
    // Authentication is enforced: the right key id with any other secret is refused.
    try (S3Client wrong = client("not-the-secret")) {
      assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket(BUCKET)))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
    kafka.createTopic(TOPIC, 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      records.add(new ProducerRecord<>(TOPIC, 0, null,
          ("{\"id\":" + id + ",\"amount\":" + (id * 100) + "}").getBytes(StandardCharsets.UTF_8)));
    }
    kafka.produce(records);

    rest.configureConnector("secret-sink", sinkConfig(ACCESS_KEY_REF, SECRET_REF));
    await(Duration.ofSeconds(90), () -> !dataKeys().isEmpty(), () -> status("secret-sink"));

    assertThat(dataKeys()).containsExactly("topics/" + TOPIC + "/partition=0/" + TOPIC + "+0+0000000000.json");
    String lines = admin.getObjectAsBytes(b -> b.bucket(BUCKET).key(dataKeys().get(0))).asUtf8String();
    ObjectMapper json = new ObjectMapper();
    List<String> rows = new ArrayList<>();
    for (String line : lines.lines().toList()) {
      JsonNode row = json.readTree(line);
      rows.add(row.path("id").asInt() + "=" + row.path("amount").asInt());
    }
    assertThat(rows).containsExactly("1=100", "2=200", "3=300");
    // The providers asked the stand-ins, signing with their own credentials from the worker configuration.
    assertThat(secretsManager.calls("GetSecretValue")).isNotEmpty()
        .allSatisfy(call -> assertThat(call.accessKeyId()).isEqualTo(PROVIDER_ACCESS_KEY));
    assertThat(ssm.calls("GetParameter")).isNotEmpty()
        .allSatisfy(call -> assertThat(call.accessKeyId()).isEqualTo(PROVIDER_ACCESS_KEY));

    // The REST API keeps the references.
    String config = rest.get("connectors/secret-sink/config").toString();
    assertThat(config).contains(SECRET_REF, ACCESS_KEY_REF).doesNotContain(SINK_SECRET_KEY);
    String tasks = rest.get("connectors/secret-sink/tasks").toString();
    assertThat(tasks).doesNotContain(SINK_SECRET_KEY);
    // nor does the worker's config topic, where connector and task configurations are stored
    List<String> stored = kafka.consumeUntil("config-providers-it-configs", Duration.ofSeconds(5),
        got -> got.stream().anyMatch(r -> r.value() != null
            && new String(r.value(), StandardCharsets.UTF_8).contains("task-secret-sink-0"))).stream()
        .filter(r -> r.value() != null).map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    assertThat(stored).anyMatch(text -> text.contains(SECRET_REF)).noneMatch(text -> text.contains(SINK_SECRET_KEY));
    rest.deleteConnector("secret-sink");

    synchronized (log) {
      assertThat(log).as("captured worker log").hasSizeGreaterThan(10);
      assertThat(log).filteredOn(line -> line.contains(SINK_SECRET_KEY)).as("log lines with the secret").isEmpty();
      assertThat(log).filteredOn(line -> line.contains(PROVIDER_SECRET)).as("log lines with the providers' own secret")
          .isEmpty();
      System.out.println("log lines with the resolved access key id (a STRING option, logged by Connect's config"
          + " dump): " + log.stream().filter(line -> line.contains(SINK_ACCESS_KEY)).count());
    }
  }

  @Test
  void anUnknownSecretFailsNamingTheReference() throws Exception {
    String missing = "${secretsmanager:streamlake/it/missing:secret_access_key}";
    String error = failure("missing-secret-sink", sinkConfig(ACCESS_KEY_REF, missing));
    assertThat(error).contains("secretsmanager:streamlake/it/missing:secret_access_key").contains("no such secret")
        .doesNotContain(SINK_SECRET_KEY);
  }

  @Test
  void aDeniedRequestFailsNamingTheReference() throws Exception {
    String error = failure("denied-sink", sinkConfig("${ssm::/streamlake/it/denied}", SECRET_REF));
    assertThat(error).contains("ssm::/streamlake/it/denied").contains("access denied").doesNotContain(SINK_SECRET_KEY);
  }

  /**
   * A reference with {@code ?ttl=}: the worker restarts the connector when the TTL passes and the restart resolves the
   * reference again (here: more GetSecretValue calls keep coming while the connector runs).
   */
  @Test
  void aTtlMakesTheWorkerResolveTheReferenceAgain() throws Exception {
    String name = "ttl-sink";
    rest.configureConnector(name, sinkConfig(ACCESS_KEY_REF,
        "${secretsmanager:streamlake/it/s3:secret_access_key?ttl=2000}"));
    try {
      rest.awaitRunning(name, Duration.ofSeconds(60));
      int before = secretsManager.calls("GetSecretValue").size();
      await(Duration.ofSeconds(30), () -> secretsManager.calls("GetSecretValue").size() >= before + 2,
          () -> secretsManager.calls("GetSecretValue").size() - before + " more calls");
      rest.awaitRunning(name, Duration.ofSeconds(30));
    } finally {
      rest.deleteConnector(name);
    }
  }

  /**
   * A running connector whose secret becomes unreadable (here: every Secrets Manager call denied) and is restarted:
   * Connect 3.7 logs the restart as failed at ERROR with the provider's exception, which names the reference, and
   * leaves the connector and task in RESTARTING (not FAILED: the status API does not show the error; that is
   * Connect's behaviour for a failed config transform, not the provider's).
   */
  @Test
  void aSecretDeniedAtRestartIsLoggedNamingTheReferenceAndTheConnectorStaysDown() throws Exception {
    String name = "restart-denied-sink";
    rest.configureConnector(name, sinkConfig(ACCESS_KEY_REF, SECRET_REF));
    rest.awaitRunning(name, Duration.ofSeconds(60));
    secretsManager.failNext(1_000, 400, "AccessDeniedException");
    try {
      int injectedBefore = secretsManager.injectedFailures();
      rest.restartConnector(name, true, false);
      await(Duration.ofSeconds(30), () -> logged("Connector '" + name + "' restart failed")
          && secretsManager.injectedFailures() > injectedBefore, () -> status(name));
      Thread.sleep(2_000);
      assertThat(status(name)).contains("RESTARTING").doesNotContain("\"RUNNING\"");
      synchronized (log) {
        assertThat(log).filteredOn(line -> line.contains("Connector '" + name + "' restart failed")).isNotEmpty()
            .allSatisfy(line -> assertThat(line)
                .contains("Could not resolve ${secretsmanager:streamlake/it/s3:secret_access_key}: access denied")
                .doesNotContain(SINK_SECRET_KEY));
      }
    } finally {
      secretsManager.clearFailures();
      rest.deleteConnector(name);
    }
  }

  private boolean logged(String text) {
    synchronized (log) {
      return log.stream().anyMatch(line -> line.contains(text));
    }
  }

  /** The error a connector config with a bad reference gets: the REST call's, else the connector's failed status. */
  private String failure(String name, Map<String, String> config) throws Exception {
    String error;
    try {
      rest.configureConnector(name, config);
      await(Duration.ofSeconds(60), () -> rest.failure(name) != null, () -> status(name));
      error = rest.failure(name);
    } catch (RuntimeException e) {
      error = e.getMessage();
    }
    System.out.println(name + ": " + error);
    try {
      rest.deleteConnector(name);
    } catch (RuntimeException ignored) {
      // it may not exist
    }
    return error;
  }

  private List<String> dataKeys() {
    List<String> keys = new ArrayList<>();
    for (S3Object object : admin.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("topics/" + TOPIC + "/"))
        .contents()) {
      keys.add(object.key());
    }
    return keys;
  }

  private String status(String name) {
    try {
      return String.valueOf(rest.get("connectors/" + name + "/status"));
    } catch (Exception e) {
      return e.toString();
    }
  }
}
