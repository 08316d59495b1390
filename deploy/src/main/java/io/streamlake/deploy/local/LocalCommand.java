package io.streamlake.deploy.local;

import io.streamlake.deploy.Args;
import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.PluginZip;
import io.streamlake.deploy.providers.LocalProviders;
import io.streamlake.deploy.providers.LocalValues;
import io.streamlake.deploy.providers.ProviderReference;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.ConnectRest;
import io.streamlake.kit.KafkaCluster;
import io.streamlake.kit.S3Endpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * {@code local}: the whole path on one machine, no AWS account, no Docker. An embedded Kafka broker, an
 * in-process S3-compatible endpoint writing files under {@code ./demo-data}, and a real Connect worker loading
 * the built plugin ZIP from its {@code plugin.path}; it creates the connectors, produces order events at a set
 * rate and prints every file the sink lands, with its row count. Flags point it at a real Kafka cluster or a
 * real bucket instead. Runs until Ctrl-C or {@code --duration}.
 */
public final class LocalCommand {

  public static final String USAGE = String.join("\n",
      "usage: streamlake-local [options] [connector.json...]",
      "  Runs Kafka, an S3-compatible endpoint and a Connect worker loading the plugin ZIP, creates the",
      "  connectors (default: the order-events -> S3 Parquet scenario) and produces sample order events.",
      "  --duration S          stop after S seconds (default: run until Ctrl-C)",
      "  --rate N              order events per second (default 200)",
      "  --partitions N        partitions of the topics it creates (default 3)",
      "  --sample orders|cdc   what to produce: order events (JSON with schema), or Debezium change events of",
      "                        inventory.orders (default when a connector uses ExtractNewRecordState)",
      "  --topic T             topic to produce to (default: the connectors' first topic; pg.inventory.orders",
      "                        for --sample cdc)",
      "  --no-produce          produce nothing (your own producers write to the topics)",
      "  --flush-size N        local override of flush.size (default 1000)",
      "  --rotate-seconds S    local override: rotate.schedule.interval.ms = S s (default 10)",
      "  --keep-rotation       keep the connector file's rotation settings",
      "  --data-dir DIR        where the local S3 endpoint keeps objects (default ./demo-data)",
      "  --keep-data           keep objects of an earlier run (default: a new run starts empty)",
      "  --s3-port N           port of the local S3 endpoint (default: a free one)",
      "  --s3-bucket B         write to this real bucket instead (default AWS credential chain)",
      "  --s3-region R         region of that bucket (default: the connector's s3.region)",
      "  --s3-endpoint URL     an S3-compatible store instead of AWS for --s3-bucket",
      "  --bootstrap-servers H use this Kafka cluster instead of the embedded broker",
      "  --kafka-config FILE   client settings for that cluster (security.protocol, sasl.*, ...)",
      "  --worker-group G      Connect group id, prefix of its internal topics (default streamlake-local)",
      "  --plugin-zip ZIP      the plugin ZIP (default: packaging/target/streamlake-plugin-*.zip)",
      "  --secret REF=VALUE    local value of a config provider reference, e.g.",
      "                        --secret secretsmanager:prod/db:password=pw or --secret ssm::/prod/key=k (repeatable);",
      "                        the worker resolves the connectors' ${...} references from these, as MSK Connect's",
      "                        providers would; a reference with no local value stops the run, naming it",
      "  --secrets-file FILE   the same, one REF=VALUE per line (keeps values out of the shell history)");

  static final String DEFAULT_CONNECTOR = "order-events-s3-parquet.json";
  private static final Set<String> VALUED = Set.of("duration", "rate", "partitions", "sample", "topic", "flush-size",
      "rotate-seconds", "data-dir", "s3-port", "s3-bucket", "s3-region", "s3-endpoint", "bootstrap-servers",
      "kafka-config", "worker-group", "plugin-zip", "secret", "secrets-file");
  private static final Set<String> SWITCHES = Set.of("no-produce", "keep-rotation", "keep-data");

  private final PrintStream out;

  public LocalCommand(PrintStream out) {
    this.out = out;
  }

  public int run(List<String> argv) throws Exception {
    Args args = Args.parse(argv, VALUED, SWITCHES);
    long started = System.nanoTime();
    int durationSeconds = args.getInt("duration", 0);
    int rate = args.getInt("rate", 200);
    int partitions = args.getInt("partitions", 3);
    if (rate < 1 || partitions < 1 || durationSeconds < 0) {
      throw new Args.UsageException("--rate and --partitions must be positive, --duration not negative");
    }
    List<ConnectorFile> connectors = new ArrayList<>();
    for (String file : args.positional()) {
      connectors.add(ConnectorFile.read(Path.of(file)));
    }
    if (connectors.isEmpty()) {
      connectors.add(ConnectorFile.readResource(DEFAULT_CONNECTOR));
    }
    Map<String, String> kafkaConfig = KafkaSettings.read(args.get("kafka-config", null));
    Path zip = PluginZip.locate(args.get("plugin-zip", null));
    ConnectorFile firstSink = connectors.stream().filter(LocalConnectors::isS3Sink).findFirst().orElse(null);

    Deque<AutoCloseable> resources = new ArrayDeque<>();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch cleanedUp = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        cleanedUp.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "streamlake-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    CtrlC ctrlC = new CtrlC(stop, out);
    try {
      out.println("streamlake local");
      // unpacking the ZIP, the S3 endpoint and the broker each take seconds: they start side by side
      FutureTask<PluginZip> unpack = background("streamlake-local-unpack", () -> PluginZip.unpack(zip));
      FutureTask<S3Started> s3Start = background("streamlake-local-s3",
          () -> firstSink == null ? null : startS3(args, firstSink));
      String bootstrap = args.get("bootstrap-servers", null);
      String kafkaLine;
      List<Throwable> failures = new ArrayList<>();
      PluginZip plugin = null;
      S3Target s3 = null;
      try {
        if (bootstrap == null) {
          long t = System.nanoTime();
          KafkaCluster kafka = KafkaCluster.start();
          resources.push(kafka);
          bootstrap = kafka.bootstrapServers();
          kafkaLine = String.format("  kafka      embedded KRaft broker at %s (%.1f s)", bootstrap,
              seconds(System.nanoTime() - t));
        } else {
          kafkaLine = "  kafka      " + bootstrap;
        }
      } finally {
        // whatever happened, collect what the helpers started so that it is stopped
        try {
          plugin = unpack.get();
          resources.push(plugin);
          out.printf("  plugin     %s (%d jars), unpacked as the worker's plugin.path%n", zip, plugin.jarCount());
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
        try {
          S3Started s3Started = s3Start.get();
          if (s3Started != null) {
            s3Started.owned().forEach(resources::push);
            s3 = s3Started.target();
            s3Started.lines().forEach(out::println);
          }
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      if (!failures.isEmpty()) {
        Throwable first = failures.get(0);
        throw first instanceof Exception e ? e : new IllegalStateException(first);
      }
      out.println(kafkaLine);

      boolean keepRotation = args.has("keep-rotation");
      LocalConnectors.Run run = new LocalConnectors.Run(s3, bootstrap, kafkaConfig, !args.has("bootstrap-servers"),
          keepRotation ? null : args.getInt("flush-size", 1000),
          keepRotation ? null : args.getInt("rotate-seconds", 10) * 1000L, partitions);
      List<ConnectorFile> localized = new ArrayList<>();
      List<ProviderReference> references = new ArrayList<>();
      for (ConnectorFile connector : connectors) {
        ConnectorFile local = LocalConnectors.localize(connector, run);
        localized.add(local);
        references.addAll(ProviderReference.find(local.config()));
      }
      LocalProviders providers = localProviders(args, references);
      resources.push(providers);
      if (providers.describe() != null) {
        out.println(providers.describe());
      }
      Map<String, String> workerExtra = new HashMap<>(KafkaSettings.forWorker(kafkaConfig));
      workerExtra.putAll(providers.workerProps());

      long t = System.nanoTime();
      ConnectCluster workers = WorkerSettings.start(bootstrap, args.get("worker-group", "streamlake-local"),
          plugin.pluginPath(), args.has("bootstrap-servers") ? -1 : 1, workerExtra);
      resources.push(workers);
      ConnectRest worker = workers.rest();
      out.printf("  worker     Kafka Connect (distributed mode) at %s, plugin.discovery=service_load (%.1f s)%n",
          worker.url(), seconds(System.nanoTime() - t));
      Set<String> topics = LocalConnectors.topicsOf(localized);
      boolean cdc = sampleIsCdc(args.get("sample", null), localized);
      String topic = args.get("topic", cdc ? DebeziumOrderEvents.TOPIC
          : topics.isEmpty() ? "order-events" : topics.iterator().next());
      topics.add(topic);
      topics.addAll(LocalConnectors.outputTopicsOf(localized));
      KafkaSettings.createTopics(bootstrap, kafkaConfig, topics, partitions);

      for (ConnectorFile connector : localized) {
        t = System.nanoTime();
        worker.configureConnector(connector.name(), connector.config());
        int tasks = worker.awaitRunning(connector.name(), Duration.ofSeconds(90));
        out.printf("  connector  %s: %s RUNNING with %d task(s) (%.1f s)%n", connector.name(),
            connector.connectorClass(), tasks, seconds(System.nanoTime() - t));
        String settings = LocalConnectors.describe(connector);
        if (settings != null) {
          out.println("             local settings: " + settings);
        }
      }

      RateProducer producer = null;
      if (!args.has("no-produce")) {
        SampleEvents events = cdc ? new DebeziumOrderEvents(new Random()) : new OrderEvents(new Random());
        producer = new RateProducer(bootstrap, kafkaConfig, topic, rate, events);
        resources.push(producer);
        producer.start();
        out.printf("  producing  %s to %s (%d partitions) at %d/s%n", events.description(), topic, partitions,
            rate);
      }
      if (s3 != null) {
        String where = s3.isLocal() ? Path.of(args.get("data-dir", "demo-data")).resolve(s3.bucket()) + "/"
            : "s3://" + s3.bucket() + "/";
        out.printf("  landing in %s%s%n", where,
            durationSeconds > 0 ? " for " + durationSeconds + " s" : "; Ctrl-C to stop");
        out.println();
      }
      LandedFiles landed = null;
      if (s3 != null) {
        ConnectorFile sink = localized.stream().filter(LocalConnectors::isS3Sink).findFirst().orElseThrow();
        landed = new LandedFiles(s3.client(), s3.bucket(),
            providers.resolve(sink.config().getOrDefault("topics.dir", "topics")));
      }
      LagView lag = null;
      String metricsTopic = LocalConnectors.metricsTopicOf(localized);
      if (metricsTopic != null) {
        lag = new LagView(bootstrap, kafkaConfig, metricsTopic);
        resources.push(lag);
      }
      return new DemoWatch(out, landed, worker, producer, localized, lag).run(stop, started, durationSeconds);
    } finally {
      closeAll(resources);
      ctrlC.close();
      cleanedUp.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // SIGTERM: the hook is running and waits for the cleanup above
      }
    }
  }

  /** The local providers for the connectors' references, from --secret and --secrets-file. */
  private static LocalProviders localProviders(Args args, List<ProviderReference> references) throws IOException {
    try {
      LocalValues values = LocalValues.of(args.all("secret"),
          args.all("secrets-file").stream().map(Path::of).toList());
      return LocalProviders.prepare(references, values);
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(e.getMessage());
    }
  }

  /** {@code --sample}, or by default Debezium change events when a connector unwraps them. */
  private static boolean sampleIsCdc(String sample, List<ConnectorFile> connectors) {
    if (sample == null) {
      return connectors.stream().anyMatch(LocalConnectors::unwrapsDebezium);
    }
    return switch (sample) {
      case "cdc" -> true;
      case "orders" -> false;
      default -> throw new Args.UsageException("--sample must be orders or cdc, got " + sample);
    };
  }

  private static <T> FutureTask<T> background(String threadName, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, threadName);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** What starting the S3 side produced: the target, what to close, what to print. */
  private record S3Started(S3Target target, List<AutoCloseable> owned, List<String> lines) {}

  private S3Started startS3(Args args, ConnectorFile sink) throws Exception {
    String region = args.get("s3-region", sink.config().getOrDefault("s3.region", "us-east-1"));
    List<String> lines = new ArrayList<>();
    if (args.has("s3-bucket")) {
      String endpoint = args.get("s3-endpoint", null);
      S3Target target = S3Target.remote(args.get("s3-bucket", null), region,
          endpoint == null ? null : URI.create(endpoint));
      lines.add(String.format("  s3         bucket %s (%s%s), default AWS credential chain", target.bucket(), region,
          endpoint == null ? "" : ", " + endpoint));
      return new S3Started(target, List.of(target), lines);
    }
    long t = System.nanoTime();
    Path dataDir = Path.of(args.get("data-dir", "demo-data"));
    String bucket = sink.config().get("s3.bucket.name");
    if (DemoDataDir.prepare(dataDir, bucket, args.has("keep-data"))) {
      lines.add("  (emptied " + dataDir.resolve(bucket) + " of an earlier run; --keep-data keeps it)");
    }
    S3Endpoint endpoint = S3Endpoint.onDisk(dataDir, args.getInt("s3-port", 0));
    S3Target target;
    try {
      target = S3Target.local(endpoint, bucket, region);
    } catch (RuntimeException e) {
      endpoint.close();
      throw e;
    }
    lines.add(String.format("  s3         in-process endpoint %s, bucket %s, files under %s (%.1f s)",
        endpoint.endpoint(), bucket, dataDir.resolve(bucket), seconds(System.nanoTime() - t)));
    return new S3Started(target, List.of(endpoint, target), lines);
  }

  private void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        out.println("while stopping " + resource.getClass().getSimpleName() + ": " + e);
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
