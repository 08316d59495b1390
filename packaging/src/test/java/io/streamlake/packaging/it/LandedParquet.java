package io.streamlake.packaging.it;

import io.streamlake.connect.s3.testing.ParquetFiles;
import io.streamlake.kit.ConnectCluster;
import io.streamlake.kit.S3Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** What a sink in a plugin-ZIP IT landed under a prefix, read back from the S3 endpoint, and its connector's state. */
final class LandedParquet {

  private LandedParquet() {}

  /** The Parquet keys under {@code prefix}. */
  static List<String> keys(S3Endpoint s3, String bucket, String prefix) {
    return s3.keys(bucket, prefix).stream().filter(k -> k.endsWith(".parquet")).toList();
  }

  /** Every row of the Parquet files under {@code prefix}; a file still being written is skipped for now. */
  static List<GenericRecord> rows(S3Endpoint s3, String bucket, String prefix) {
    List<GenericRecord> rows = new ArrayList<>();
    for (String key : keys(s3, bucket, prefix)) {
      try {
        rows.addAll(ParquetFiles.read(s3.get(bucket, key)));
      } catch (Exception e) {
        System.out.println("not yet readable: " + key + " (" + e + ")");
      }
    }
    return rows;
  }

  /** The connector's status as text, for a failure message (the error when there is none yet). */
  static String status(ConnectCluster connect, String connector) {
    try {
      return String.valueOf(connect.rest().connectorStatus(connector));
    } catch (Exception e) {
      return e.toString();
    }
  }
}
