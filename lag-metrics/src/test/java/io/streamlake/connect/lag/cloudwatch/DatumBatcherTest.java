package io.streamlake.connect.lag.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class DatumBatcherTest {

  static List<MetricDatum> datums(int count, int dimensionValueLength) {
    List<MetricDatum> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String value = String.format("%0" + dimensionValueLength + "d", i);
      out.add(MetricDatum.builder().metricName("SumOffsetLag")
          .dimensions(Dimension.builder().name("ConsumerGroup").value(value).build(),
              Dimension.builder().name("Topic").value(value).build())
          .value((double) i).unit(StandardUnit.COUNT).timestamp(Instant.parse("2026-11-25T12:00:00Z"))
          .storageResolution(60).build());
    }
    return out;
  }

  @Test
  void splitsAtOneThousandDatums() {
    List<List<MetricDatum>> batches = new DatumBatcher().batches("MSK/ConsumerLag", datums(2_345, 8));
    assertThat(batches).extracting(List::size).containsExactly(1000, 1000, 345);
    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(datums(2_345, 8));
  }

  @Test
  void splitsBeforeOneMegabyte() {
    // 1000 datums with two 1024-character dimension values are about 2.2 MB in the Query encoding
    List<MetricDatum> big = datums(1000, 1024);
    List<List<MetricDatum>> batches = new DatumBatcher().batches("MSK/ConsumerLag", big);
    assertThat(batches).hasSizeGreaterThanOrEqualTo(3);
    for (List<MetricDatum> batch : batches) {
      int bytes = RequestSize.base("MSK/ConsumerLag") + batch.stream().mapToInt(RequestSize::of).sum();
      assertThat(bytes).isLessThanOrEqualTo(DatumBatcher.MAX_BYTES);
    }
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(1000);
  }

  @Test
  void smallLimitsForceOneDatumPerBatch() {
    List<List<MetricDatum>> batches = new DatumBatcher(1000, 10).batches("ns", datums(3, 4));
    assertThat(batches).extracting(List::size).containsExactly(1, 1, 1);
  }

  @Test
  void emptyInputNoBatch() {
    assertThat(new DatumBatcher().batches("ns", List.of())).isEmpty();
  }

  @Test
  void sizeEstimateCountsPercentEncoding() {
    assertThat(RequestSize.encoded("abc-_.~")).isEqualTo(7);
    assertThat(RequestSize.encoded("a/b c")).isEqualTo(9);
    assertThat(RequestSize.encoded("é")).isEqualTo(6);
  }
}
