package io.streamlake.deploy.iam;

import io.streamlake.deploy.Args;
import io.streamlake.deploy.ConnectorFile;
import java.io.IOException;

/** The connector file of the iam and lifecycle commands, with {@code --set key=value} applied; which kind it is. */
final class ConnectorSettings {

  private ConnectorSettings() {}

  static ConnectorFile read(Args args) throws IOException {
    ConnectorFile file = ConnectorFile.single(args).with(ConnectorFile.overrides(args));
    if (!isLagEmitter(file) && !isS3Sink(file) && !isS3Source(file)) {
      throw new Args.UsageException(file.source() + ": connector.class " + file.connectorClass() + " is none of "
          + "io.streamlake.connect.s3.S3SinkConnector, io.streamlake.connect.s3.source.S3SourceConnector and "
          + "io.streamlake.connect.lag.ConsumerLagSourceConnector");
    }
    return file;
  }

  static boolean isLagEmitter(ConnectorFile file) {
    return "io.streamlake.connect.lag.ConsumerLagSourceConnector".equals(file.connectorClass());
  }

  static boolean isS3Source(ConnectorFile file) {
    return "io.streamlake.connect.s3.source.S3SourceConnector".equals(file.connectorClass());
  }

  static boolean isS3Sink(ConnectorFile file) {
    return "io.streamlake.connect.s3.S3SinkConnector".equals(file.connectorClass());
  }
}
