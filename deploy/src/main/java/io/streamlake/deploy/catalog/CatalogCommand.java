package io.streamlake.deploy.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlake.deploy.Args;
import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.PluginZip;
import io.streamlake.deploy.SinkPlugin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * {@code catalog <sink.json> --schema FILE}: the Glue table the S3 sink keeps for a topic (glue.enabled), as an
 * Athena {@code CREATE EXTERNAL TABLE} statement and as Glue's {@code TableInput} JSON. The table is built by the
 * sink's own code ({@code io.streamlake.connect.s3.catalog.CatalogPreview}), loaded from the plugin ZIP, so what
 * it prints is what the connector creates.
 */
public final class CatalogCommand {

  public static final String USAGE = String.join("\n",
      "usage: streamlake catalog <sink.json> --schema FILE [--topic T] [--set key=value]... [--plugin-zip ZIP]",
      "  Prints the Glue table the S3 sink keeps for a topic with glue.enabled=true: the Athena CREATE EXTERNAL",
      "  TABLE statement, then Glue's TableInput JSON (aws glue create-table --database-name <db> --table-input",
      "  file://table.json). Nothing is sent to AWS. Columns, partition keys, SerDe and partition projection come",
      "  from the connector's settings (format.class, partitioner.class, path.format, timezone, topics.dir,",
      "  glue.*), exactly as the running connector makes them.",
      "  --schema FILE      the topic's value schema: one record as Connect's JsonConverter writes it with",
      "                     schemas.enable=true ({\"schema\": {...}, \"payload\": {...}}), or its \"schema\" object",
      "                     alone ({\"type\": \"struct\", \"fields\": [...]})",
      "  --topic T          the topic (default: the first name in topics; required with topics.regex)",
      "  --set key=value    overrides a setting, e.g. --set glue.database=lake",
      "  --plugin-zip ZIP   the plugin ZIP (default: " + PluginZip.ZIP_PROPERTY + " or packaging/target)",
      "  --ddl-only / --table-input-only   print one of the two");

  private static final String PREVIEW = "io.streamlake.connect.s3.catalog.CatalogPreview";

  private final PrintStream out;

  public CatalogCommand(PrintStream out) {
    this.out = out;
  }

  public int run(List<String> argv) throws Exception {
    Args args = Args.parse(argv, Set.of("schema", "topic", "set", "plugin-zip"), Set.of("ddl-only",
        "table-input-only"));
    ConnectorFile connector = ConnectorFile.single(args).with(ConnectorFile.overrides(args));
    if (!args.has("schema")) {
      throw new Args.UsageException("--schema FILE is required");
    }
    Schema schema = readSchema(Path.of(args.get("schema", null)));
    String topic = args.get("topic", firstTopic(connector));
    Map<String, String> table = render(PluginZip.locate(args.get("plugin-zip", null)), connector.config(), topic,
        schema);
    if (!args.has("table-input-only")) {
      out.println("-- Glue table " + table.get("database") + "." + table.get("table") + " of topic " + topic
          + " (as the S3 sink creates it)");
      out.println(table.get("ddl"));
    }
    if (!args.has("ddl-only")) {
      if (!args.has("table-input-only")) {
        out.println();
        out.println("-- Glue TableInput (aws glue create-table --database-name " + table.get("database")
            + " --table-input file://table.json):");
      }
      out.println(table.get("tableInput"));
    }
    return 0;
  }

  /** A JsonConverter envelope's schema, or a bare JsonConverter schema. */
  static Schema readSchema(Path file) throws IOException {
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    JsonNode schema = json.has("schema") && json.get("schema").isObject() ? json.get("schema") : json;
    if (!schema.has("type")) {
      throw new Args.UsageException(file + " holds no Connect schema: expected {\"schema\": {\"type\": \"struct\", ...},"
          + " \"payload\": ...} or the schema object alone");
    }
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), false);
    return converter.asConnectSchema(schema);
  }

  private static String firstTopic(ConnectorFile connector) {
    String topics = connector.config().getOrDefault("topics", "").trim();
    if (topics.isEmpty()) {
      throw new Args.UsageException("the connector has no topics list (topics.regex?): name the topic with --topic");
    }
    return topics.split(",")[0].trim();
  }

  /**
   * Loads the sink from the plugin ZIP (Connect's API from this classpath, as a worker provides it) and asks it for
   * the table.
   */
  @SuppressWarnings("unchecked")
  static Map<String, String> render(Path zip, Map<String, String> config, String topic, Schema schema) throws Exception {
    try (SinkPlugin plugin = SinkPlugin.open(zip)) {
      return (Map<String, String>) plugin.call(PREVIEW, "render", new Class<?>[] {Map.class, String.class, Schema.class},
          config, topic, schema);
    }
  }
}
