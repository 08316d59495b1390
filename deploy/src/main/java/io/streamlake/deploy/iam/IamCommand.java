package io.streamlake.deploy.iam;

import io.streamlake.deploy.Args;
import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.OwnerOnlyFile;
import io.streamlake.deploy.PluginZip;
import io.streamlake.deploy.providers.ProviderReference;
import io.streamlake.deploy.providers.ProviderStatements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code iam <connector.json>}: the least-privilege policy of the connector's service execution role, generated from
 * its configuration (bucket, topics.dir, topics, connector name; for the lag emitter its namespace, metrics topic
 * and time.lag.mode; for the S3 source its target topics and exactly-once transactional ids).
 */
public final class IamCommand {

  public static final String USAGE = String.join("\n",
      "usage: streamlake iam <connector.json> [--cluster-arn ARN] [--offsets-topic T] [--set key=value]... "
          + "[--output FILE]",
      "  Prints the IAM policy of the connector's service execution role (S3 sink, S3 source (replay) or",
      "  consumer-lag emitter). For the S3 source, exactly.once.support in the connector or",
      "  exactly.once.source.support=enabled in --worker-config adds the transactional-id statements.",
      "  --cluster-arn      the MSK cluster (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>); a placeholder",
      "                     is used when missing",
      "  --offsets-topic    the worker's offset.storage.topic (" + WorkerStatements.DEFAULT_OFFSETS_TOPIC + ")",
      "  --set key=value    overrides a setting (as render does), e.g. --set s3.bucket.name=prod-lake",
      "  --output FILE      writes the policy to FILE (mode 0600) instead of stdout",
      "  --worker-config F  the worker configuration (.properties): which config providers it declares and their",
      "                     regions; ${secretsmanager:...}, ${ssm::...} and ${s3import:...} references in the",
      "                     connector are granted GetSecretValue / GetParameter(s) / GetObject on exactly those",
      "                     resources (the documented provider names are assumed without this option)",
      "  --provider-kms-key ARN  a customer managed KMS key of a referenced secret or SecureString parameter:",
      "                     kms:Decrypt through Secrets Manager / SSM only (repeatable)",
      "  --plugin-zip ZIP   the plugin ZIP whose sink names the Glue tables with glue.enabled (default: "
          + PluginZip.ZIP_PROPERTY + " or packaging/target)");

  private final PrintStream out;
  private final PrintStream err;

  public IamCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The policy plus what the connector's config provider references need (nothing without references). */
  private static PolicyDocument withProviderStatements(PolicyDocument policy, ConnectorFile connector, KafkaArns kafka,
      Args args, Map<String, String> worker) {
    // the connector's references, and the worker configuration's own (e.g. a worker consumer.* setting)
    List<ProviderReference> references = new ArrayList<>(ProviderReference.find(connector.config()));
    Map<String, String> workerSettings = new LinkedHashMap<>(worker);
    workerSettings.keySet().removeIf(key -> key.startsWith("config.providers"));
    references.addAll(ProviderReference.find(workerSettings));
    if (references.isEmpty()) {
      return policy;
    }
    String[] arn = kafka.cluster().split(":");
    List<PolicyDocument.Statement> statements = new ArrayList<>(policy.statements());
    statements.addAll(ProviderStatements.of(references, worker, arn[3], arn[4], args.all("provider-kms-key")));
    return new PolicyDocument(statements);
  }

  /** The settings of --worker-config, sorted by key; empty without it. */
  private static Map<String, String> workerSettings(Args args) throws IOException {
    Map<String, String> worker = new LinkedHashMap<>();
    if (args.has("worker-config")) {
      Properties props = new Properties();
      try (InputStream in = Files.newInputStream(Path.of(args.get("worker-config", null)))) {
        props.load(in);
      }
      props.stringPropertyNames().stream().sorted().forEach(k -> worker.put(k, props.getProperty(k)));
    }
    return worker;
  }

  public int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, Set.of("cluster-arn", "offsets-topic", "set", "output", "worker-config",
        "provider-kms-key", "plugin-zip"), Set.of());
    ConnectorFile connector = ConnectorSettings.read(args);
    if (!args.has("cluster-arn")) {
      err.println("note: --cluster-arn not given; the policy names " + KafkaArns.PLACEHOLDER);
    }
    KafkaArns kafka;
    try {
      kafka = new KafkaArns(args.get("cluster-arn", KafkaArns.PLACEHOLDER));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(e.getMessage());
    }
    String offsetsTopic = args.get("offsets-topic", WorkerStatements.DEFAULT_OFFSETS_TOPIC);
    Map<String, String> worker = workerSettings(args);
    PolicyDocument policy;
    try {
      if (ConnectorSettings.isLagEmitter(connector)) {
        policy = LagEmitterPolicy.of(connector, kafka, offsetsTopic);
      } else if (ConnectorSettings.isS3Source(connector)) {
        boolean workerExactlyOnce = "enabled".equalsIgnoreCase(worker.getOrDefault("exactly.once.source.support",
            "").trim());
        policy = SourcePolicy.of(connector, kafka, offsetsTopic, workerExactlyOnce, note -> err.println("note: "
            + note));
      } else {
        policy = SinkPolicy.of(connector, kafka, offsetsTopic, args.get("plugin-zip", null));
      }
    } catch (IllegalArgumentException e) {
      err.println("streamlake iam: " + e.getMessage());
      return 1;
    }
    policy = withProviderStatements(policy, connector, kafka, args, worker);
    if (args.has("output")) {
      OwnerOnlyFile.write(Path.of(args.get("output", null)), policy.toJson() + System.lineSeparator());
    } else {
      out.println(policy.toJson());
    }
    return 0;
  }
}
