package io.streamlake.deploy.iam;

import io.streamlake.deploy.Args;
import io.streamlake.deploy.ConnectorFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The connector file of the iam and lifecycle commands, with {@code --set key=value} applied; which kind it is. */
final class ConnectorSettings {

  private ConnectorSettings() {}

  static ConnectorFile read(Args args) throws IOException {
    if (args.positional().size() != 1) {
      throw new Args.UsageException("name exactly one connector JSON file");
    }
    ConnectorFile file = ConnectorFile.read(Path.of(args.positional().get(0)));
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String setting : args.all("set")) {
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        throw new Args.UsageException("--set needs key=value, got '" + setting + "'");
      }
      overrides.put(setting.substring(0, eq), setting.substring(eq + 1));
    }
    file = file.with(overrides);
    if (!isLagEmitter(file) && !isS3Sink(file)) {
      throw new Args.UsageException(file.source() + ": connector.class " + file.connectorClass() + " is neither "
          + "io.streamlake.connect.s3.S3SinkConnector nor io.streamlake.connect.lag.ConsumerLagSourceConnector");
    }
    return file;
  }

  static boolean isLagEmitter(ConnectorFile file) {
    return "io.streamlake.connect.lag.ConsumerLagSourceConnector".equals(file.connectorClass());
  }

  static boolean isS3Sink(ConnectorFile file) {
    return "io.streamlake.connect.s3.S3SinkConnector".equals(file.connectorClass());
  }
}
