package io.streamlake.connect.lag.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleTableTest {

  @Test
  void interpolatesBetweenTheSamplesAroundTheOffset() {
    SampleTable table = new SampleTable(10);
    table.add(100, 1_000);
    table.add(200, 2_000);
    table.add(400, 3_000);
    // record 149 was written when the end passed 150: halfway between 100@1000 and 200@2000
    assertThat(table.writtenAt(149).getAsDouble()).isEqualTo(1_500.0);
    // record 299 -> end 300, halfway between 200@2000 and 400@3000
    assertThat(table.writtenAt(299).getAsDouble()).isEqualTo(2_500.0);
    // record 399 made the end 400: exactly the last sample
    assertThat(table.writtenAt(399).getAsDouble()).isEqualTo(3_000.0);
  }

  @Test
  void unknownWithOneSampleOrAtTheEnd() {
    SampleTable table = new SampleTable(10);
    assertThat(table.writtenAt(5)).isEmpty();
    table.add(100, 1_000);
    assertThat(table.writtenAt(50)).isEmpty();
    table.add(200, 2_000);
    assertThat(table.writtenAt(200)).isEmpty();
  }

  @Test
  void extrapolatesOlderOffsetsWithTheTableRate() {
    SampleTable table = new SampleTable(10);
    table.add(1_000, 10_000);
    table.add(1_100, 11_000);
    table.add(1_300, 12_000);
    // rate over the table: 300 offsets / 2000 ms; end 901 is 99 offsets before 1000 -> 660 ms earlier
    assertThat(table.writtenAt(900).getAsDouble()).isEqualTo(10_000 - 99 * 2_000.0 / 300);
  }

  @Test
  void flatRunKeepsItsFirstAndLastSample() {
    SampleTable table = new SampleTable(10);
    table.add(100, 1_000);
    table.add(200, 2_000);
    table.add(200, 3_000);
    table.add(200, 4_000);
    table.add(300, 5_000);
    assertThat(table.size()).isEqualTo(4);
    // records below 200 were written before the flat run started
    assertThat(table.writtenAt(149).getAsDouble()).isEqualTo(1_500.0);
    // record 249 came after the flat run: between 200@4000 and 300@5000
    assertThat(table.writtenAt(249).getAsDouble()).isEqualTo(4_500.0);
  }

  @Test
  void idleTopicGivesTheFirstSampleTimeAsALowerBound() {
    SampleTable table = new SampleTable(10);
    table.add(100, 1_000);
    assertThat(table.writtenAt(50)).isEmpty();
    table.add(100, 61_000);
    table.add(100, 121_000);
    // record 50 was written before the first sample at 1000: the lag is at least now - 1000, and grows
    assertThat(table.writtenAt(50).getAsDouble()).isEqualTo(1_000.0);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void boundedDropsTheOldestSample() {
    SampleTable table = new SampleTable(3);
    for (int i = 1; i <= 10; i++) {
      table.add(i * 100L, i * 1_000L);
    }
    assertThat(table.size()).isEqualTo(3);
    // oldest kept sample is 800@8000; record 849 interpolates in 800..900
    assertThat(table.writtenAt(849).getAsDouble()).isEqualTo(8_500.0);
    // record 99 is older than every kept sample: extrapolated at 10 ms per offset
    assertThat(table.writtenAt(99).getAsDouble()).isEqualTo(8_000 - 700 * 10.0);
  }

  @Test
  void offsetGoingBackRestartsTheTable() {
    SampleTable table = new SampleTable(5);
    table.add(1_000, 1_000);
    table.add(2_000, 2_000);
    table.add(10, 3_000);
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.writtenAt(5)).isEmpty();
  }

  @Test
  void sampleAtTheSameOrEarlierTimeIsIgnored() {
    SampleTable table = new SampleTable(5);
    table.add(100, 1_000);
    table.add(200, 1_000);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void capacityBelowTwoRejected() {
    assertThatThrownBy(() -> new SampleTable(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
