package io.streamlake.deploy.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamlake.deploy.Args;
import io.streamlake.deploy.ConnectorFile;
import io.streamlake.deploy.OwnerOnlyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code lifecycle <sink.json> [--existing FILE]}: the sink bucket's lifecycle configuration for the connector's
 * {@code topics.dir}, merged into the bucket's existing configuration when one is given.
 */
public final class LifecycleCommand {

  public static final String USAGE = String.join("\n",
      "usage: streamlake lifecycle <sink.json> [--existing FILE] [--marker-days N (7)] [--set key=value]..."
          + " [--output FILE]",
      "  Prints the lifecycle configuration of the sink bucket for the connector's topics.dir: abort incomplete",
      "  multipart uploads after 1 day, expire epoch markers after N days. --existing FILE (the output of",
      "  aws s3api get-bucket-lifecycle-configuration) keeps every other rule of the bucket.");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintStream out;

  public LifecycleCommand(PrintStream out) {
    this.out = out;
  }

  public int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, Set.of("existing", "marker-days", "set", "output"), Set.of());
    ConnectorFile connector = ConnectorSettings.read(args);
    if (!ConnectorSettings.isS3Sink(connector)) {
      throw new Args.UsageException(connector.source() + " is not an S3 sink; lifecycle rules are for its bucket");
    }
    String topicsDir = connector.config().getOrDefault("topics.dir", "topics");
    JsonNode existing = null;
    if (args.has("existing")) {
      Path file = Path.of(args.get("existing", null));
      try {
        existing = JSON.readTree(Files.readString(file));
      } catch (IOException e) {
        throw new IOException(file + ": not a lifecycle configuration (JSON with a Rules list)", e);
      }
    }
    String merged;
    try {
      merged = JSON.writeValueAsString(LifecycleRules.merge(existing,
          LifecycleRules.of(topicsDir, args.getInt("marker-days", 7)), topicsDir));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(e.getMessage());
    }
    if (args.has("output")) {
      OwnerOnlyFile.write(Path.of(args.get("output", null)), merged + System.lineSeparator());
    } else {
      out.println(merged);
    }
    return 0;
  }
}
