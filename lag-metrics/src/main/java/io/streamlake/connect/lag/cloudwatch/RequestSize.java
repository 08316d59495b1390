package io.streamlake.connect.lag.cloudwatch;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * An upper bound of the size of a PutMetricData request body in the AWS Query encoding
 * ({@code Action=PutMetricData&Version=2010-08-01&Namespace=...&MetricData.member.N.MetricName=...}),
 * assuming every index has four digits and every non-alphanumeric byte is percent-encoded.
 */
final class RequestSize {

  private static final String MEMBER = "&MetricData.member.0000.";
  private static final int NUMBER = 32;
  private static final int TIMESTAMP = 40;

  private RequestSize() {}

  static int base(String namespace) {
    return "Action=PutMetricData&Version=2010-08-01&Namespace=".length() + encoded(namespace);
  }

  static int of(MetricDatum datum) {
    int size = MEMBER.length() + "MetricName=".length() + encoded(datum.metricName());
    for (Dimension dimension : datum.dimensions()) {
      size += MEMBER.length() + "Dimensions.member.00.Name=".length() + encoded(dimension.name());
      size += MEMBER.length() + "Dimensions.member.00.Value=".length() + encoded(dimension.value());
    }
    size += MEMBER.length() + "Value=".length() + NUMBER;
    size += MEMBER.length() + "Unit=".length() + encoded(datum.unitAsString() == null ? "" : datum.unitAsString());
    size += MEMBER.length() + "Timestamp=".length() + TIMESTAMP;
    size += MEMBER.length() + "StorageResolution=".length() + NUMBER;
    return size;
  }

  static int encoded(String text) {
    int size = 0;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || b == '-' || b == '_' || b == '.' || b == '~';
      size += plain ? 1 : 3;
    }
    return size;
  }
}
