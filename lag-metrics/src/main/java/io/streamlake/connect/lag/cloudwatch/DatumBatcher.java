package io.streamlake.connect.lag.cloudwatch;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** Splits datums into PutMetricData requests within the API limits: at most 1,000 datums and 1 MB each. */
public final class DatumBatcher {

  /** CloudWatch's limit of datums per PutMetricData request. */
  public static final int MAX_DATUMS = 1000;
  /** Stays below CloudWatch's 1 MB (1,048,576 bytes) request limit with room for headers of the form body. */
  public static final int MAX_BYTES = 1_000_000;

  private final int maxDatums;
  private final int maxBytes;

  public DatumBatcher() {
    this(MAX_DATUMS, MAX_BYTES);
  }

  DatumBatcher(int maxDatums, int maxBytes) {
    this.maxDatums = maxDatums;
    this.maxBytes = maxBytes;
  }

  public List<List<MetricDatum>> batches(String namespace, List<MetricDatum> datums) {
    List<List<MetricDatum>> batches = new ArrayList<>();
    int base = RequestSize.base(namespace);
    List<MetricDatum> current = new ArrayList<>();
    int bytes = base;
    for (MetricDatum datum : datums) {
      int size = RequestSize.of(datum);
      if (!current.isEmpty() && (current.size() == maxDatums || bytes + size > maxBytes)) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = base;
      }
      current.add(datum);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
