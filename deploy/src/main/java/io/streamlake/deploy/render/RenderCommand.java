package io.streamlake.deploy.render;

import io.streamlake.deploy.Args;
import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.OwnerOnlyFile;
import io.streamlake.deploy.PluginZip;
import io.streamlake.deploy.validate.OfflineValidator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.kafkaconnect.model.ApacheKafkaCluster;
import software.amazon.awssdk.services.kafkaconnect.model.AutoScaling;
import software.amazon.awssdk.services.kafkaconnect.model.CloudWatchLogsLogDelivery;
import software.amazon.awssdk.services.kafkaconnect.model.CreateConnectorRequest;
import software.amazon.awssdk.services.kafkaconnect.model.CustomPlugin;
import software.amazon.awssdk.services.kafkaconnect.model.KafkaCluster;
import software.amazon.awssdk.services.kafkaconnect.model.KafkaClusterClientAuthentication;
import software.amazon.awssdk.services.kafkaconnect.model.KafkaClusterClientAuthenticationType;
import software.amazon.awssdk.services.kafkaconnect.model.KafkaClusterEncryptionInTransit;
import software.amazon.awssdk.services.kafkaconnect.model.KafkaClusterEncryptionInTransitType;
import software.amazon.awssdk.services.kafkaconnect.model.LogDelivery;
import software.amazon.awssdk.services.kafkaconnect.model.Plugin;
import software.amazon.awssdk.services.kafkaconnect.model.ProvisionedCapacity;
import software.amazon.awssdk.services.kafkaconnect.model.ScaleInPolicy;
import software.amazon.awssdk.services.kafkaconnect.model.ScaleOutPolicy;
import software.amazon.awssdk.services.kafkaconnect.model.Vpc;
import software.amazon.awssdk.services.kafkaconnect.model.WorkerConfiguration;
import software.amazon.awssdk.services.kafkaconnect.model.WorkerLogDelivery;

/**
 * {@code render <connector.json>}: the {@code aws kafkaconnect create-connector --cli-input-json} request for a
 * connector JSON plus capacity and cluster flags, built with the AWS SDK's kafkaconnect model. The JSON goes to
 * stdout, notes (placeholders still to fill, tasks.max versus capacity) to stderr.
 */
public final class RenderCommand {

  public static final String USAGE = String.join("\n",
      "usage: streamlake render <connector.json> [options]",
      "  capacity:  --mcu 1|2|4|8 (1)  --min-workers N (1)  --max-workers N (2)",
      "             --scale-in-cpu % (20)  --scale-out-cpu % (80)  | --workers N (fixed, no autoscaling)",
      "  cluster:   --bootstrap-servers b1:9098,...  --subnets subnet-a,subnet-b  --security-groups sg-1",
      "             --auth iam|none (iam)  --encryption tls|plaintext (tls)",
      "  plugin:    --plugin-arn ARN  --plugin-revision N (1)",
      "  worker:    --worker-config-arn ARN  --worker-config-revision N (1)",
      "  other:     --name NAME  --description TEXT  --role-arn ARN  --log-group NAME",
      "             --kafka-connect-version V (3.7.x)  --set key=value (repeatable, overrides a setting)",
      "  output:    --output FILE (created readable by the owner only; default stdout)  --plugin-zip ZIP",
      "  A literal secret (a PASSWORD option of the plugin, or a Kafka client password option under any client",
      "  prefix) makes render refuse; use a config provider reference such as ${secretsmanager:<secret>:<key>}.");

  static final String KAFKA_CONNECT_VERSION = "3.7.x";

  private final PrintStream out;
  private final PrintStream err;

  public RenderCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, Set.of("mcu", "min-workers", "max-workers", "scale-in-cpu", "scale-out-cpu",
        "workers", "bootstrap-servers", "subnets", "security-groups", "auth", "encryption", "plugin-arn",
        "plugin-revision", "worker-config-arn", "worker-config-revision", "name", "description", "role-arn",
        "log-group", "kafka-connect-version", "set", "output", "plugin-zip"), Set.of());
    ConnectorFile file = ConnectorFile.single(args);
    Map<String, String> overrides = ConnectorFile.overrides(args);
    // the connector's name is create-connector's connectorName; a "name" setting would only be able to disagree
    overrides.putIfAbsent("name", null);
    file = file.with(overrides);
    List<String> secrets = literalSecrets(file, args.get("plugin-zip", null));
    if (!secrets.isEmpty()) {
      err.println("refusing to render literal secrets (" + String.join(", ", secrets) + "): on MSK Connect use the"
          + " service execution role, or a config provider reference such as ${secretsmanager:<secret>:<key>}");
      return 1;
    }
    Capacity capacity = args.has("workers")
        ? new Capacity(args.getInt("mcu", 1), args.getInt("workers", 1), args.getInt("workers", 1), 20, 80, false)
        : new Capacity(args.getInt("mcu", 1), args.getInt("min-workers", 1), args.getInt("max-workers", 2),
            args.getInt("scale-in-cpu", 20), args.getInt("scale-out-cpu", 80), true);
    Placeholders placeholders = new Placeholders();
    CreateConnectorRequest request = CreateConnectorRequest.builder()
        .connectorName(args.get("name", file.name()))
        .connectorDescription(args.get("description", null))
        .kafkaConnectVersion(args.get("kafka-connect-version", KAFKA_CONNECT_VERSION))
        .connectorConfiguration(file.config())
        .capacity(capacity(capacity))
        .kafkaCluster(KafkaCluster.builder().apacheKafkaCluster(ApacheKafkaCluster.builder()
            .bootstrapServers(placeholders.or(args, "bootstrap-servers", "b-1.mycluster.xxxxxx.c2.kafka.us-east-1"
                + ".amazonaws.com:9098"))
            .vpc(Vpc.builder()
                .subnets(list(placeholders.or(args, "subnets", "subnet-REPLACE_ME")))
                .securityGroups(list(placeholders.or(args, "security-groups", "sg-REPLACE_ME")))
                .build())
            .build()).build())
        .kafkaClusterClientAuthentication(KafkaClusterClientAuthentication.builder()
            .authenticationType(auth(args.get("auth", "iam"))).build())
        .kafkaClusterEncryptionInTransit(KafkaClusterEncryptionInTransit.builder()
            .encryptionType(encryption(args.get("encryption", "tls"))).build())
        .plugins(Plugin.builder().customPlugin(CustomPlugin.builder()
            .customPluginArn(placeholders.or(args, "plugin-arn",
                "arn:aws:kafkaconnect:us-east-1:123456789012:custom-plugin/streamlake/REPLACE_ME"))
            .revision((long) args.getInt("plugin-revision", 1))
            .build()).build())
        .serviceExecutionRoleArn(placeholders.or(args, "role-arn",
            "arn:aws:iam::123456789012:role/streamlake-connector"))
        .workerConfiguration(args.has("worker-config-arn") ? WorkerConfiguration.builder()
            .workerConfigurationArn(args.get("worker-config-arn", null))
            .revision((long) args.getInt("worker-config-revision", 1))
            .build() : null)
        .logDelivery(args.has("log-group") ? LogDelivery.builder().workerLogDelivery(WorkerLogDelivery.builder()
            .cloudWatchLogs(CloudWatchLogsLogDelivery.builder().enabled(true).logGroup(args.get("log-group", null))
                .build())
            .build()).build() : null)
        .build();
    String json = SdkJson.write(request);
    if (args.has("output")) {
      OwnerOnlyFile.write(Path.of(args.get("output", null)), json + System.lineSeparator());
      err.println("request written to " + args.get("output", null) + " (mode 0600)");
    } else {
      out.println(json);
    }
    placeholders.report(err);
    tasksNote(file.config().get("tasks.max"), capacity);
    return 0;
  }

  /** The options holding literal secrets, decided by the plugin's ConfigDefs (loaded from the ZIP) and client keys. */
  private static List<String> literalSecrets(ConnectorFile file, String pluginZip) throws IOException {
    try (PluginZip plugin = PluginZip.unpack(PluginZip.locate(pluginZip))) {
      return new OfflineValidator(plugin.pluginPath()).validate(file).literalSecrets();
    }
  }

  static software.amazon.awssdk.services.kafkaconnect.model.Capacity capacity(Capacity capacity) {
    if (!capacity.autoscaled()) {
      return software.amazon.awssdk.services.kafkaconnect.model.Capacity.builder()
          .provisionedCapacity(ProvisionedCapacity.builder().mcuCount(capacity.mcuCount())
              .workerCount(capacity.minWorkers()).build())
          .build();
    }
    return software.amazon.awssdk.services.kafkaconnect.model.Capacity.builder()
        .autoScaling(AutoScaling.builder()
            .mcuCount(capacity.mcuCount())
            .minWorkerCount(capacity.minWorkers())
            .maxWorkerCount(capacity.maxWorkers())
            .scaleInPolicy(ScaleInPolicy.builder().cpuUtilizationPercentage(capacity.scaleInCpu()).build())
            .scaleOutPolicy(ScaleOutPolicy.builder().cpuUtilizationPercentage(capacity.scaleOutCpu()).build())
            .build())
        .build();
  }

  private void tasksNote(String tasksMax, Capacity capacity) {
    if (capacity.autoscaled()) {
      err.println("note: with autoscaling MSK Connect sets tasks.max to workers x MCU x 2: "
          + capacity.tasksAt(capacity.minWorkers()) + " tasks at " + capacity.minWorkers() + " worker(s), "
          + capacity.tasksAt(capacity.maxWorkers()) + " at " + capacity.maxWorkers()
          + (tasksMax == null ? "" : "; the file's tasks.max=" + tasksMax + " is overridden")
          + ". A sink uses at most one task per topic partition.");
    } else if (tasksMax != null) {
      err.println("note: provisioned capacity keeps tasks.max=" + tasksMax + "; " + capacity.minWorkers()
          + " worker(s) x " + capacity.mcuCount() + " MCU run about " + capacity.tasksAt(capacity.minWorkers())
          + " tasks comfortably.");
    }
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static KafkaClusterClientAuthenticationType auth(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "iam" -> KafkaClusterClientAuthenticationType.IAM;
      case "none" -> KafkaClusterClientAuthenticationType.NONE;
      default -> throw new Args.UsageException("--auth must be iam or none, got " + value);
    };
  }

  private static KafkaClusterEncryptionInTransitType encryption(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "tls" -> KafkaClusterEncryptionInTransitType.TLS;
      case "plaintext" -> KafkaClusterEncryptionInTransitType.PLAINTEXT;
      default -> throw new Args.UsageException("--encryption must be tls or plaintext, got " + value);
    };
  }

  /** Values not given on the command line: a recognisable placeholder goes in the request and a note to stderr. */
  private static final class Placeholders {
    private final List<String> missing = new ArrayList<>();

    String or(Args args, String option, String placeholder) {
      String value = args.get(option, null);
      if (value != null) {
        return value;
      }
      missing.add("--" + option);
      return placeholder;
    }

    void report(PrintStream err) {
      if (!missing.isEmpty()) {
        err.println("note: placeholders used for " + String.join(", ", missing) + "; pass them before running"
            + " `aws kafkaconnect create-connector --cli-input-json file://request.json`");
      }
    }
  }
}
