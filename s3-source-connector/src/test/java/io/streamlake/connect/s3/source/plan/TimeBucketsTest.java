package io.streamlake.connect.s3.source.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.partition.TimePartitioner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {

  private static final String HOURLY = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";

  @Test
  void hourlyBucketFromThePathInUtc() {
    TimeBuckets buckets = new TimeBuckets(HOURLY, 3_600_000L, ZoneId.of("UTC"), Locale.US);
    assertThat(buckets.bucket("year=2026/month=12/day=31/hour=23")).isEqualTo(new TimeBuckets.Bucket(
        Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
  }

  @Test
  void bucketInTheSinksTimezone() {
    TimeBuckets buckets = new TimeBuckets("'dt'=YYYY-MM-dd", -1, ZoneId.of("Europe/Berlin"), Locale.US);
    assertThat(buckets.bucket("dt=2026-07-01")).isEqualTo(new TimeBuckets.Bucket(
        Instant.parse("2026-06-30T22:00:00Z"), Instant.parse("2026-07-01T22:00:00Z")));
  }

  @Test
  void durationLongerThanTheFinestFieldWidensTheBucket() {
    TimeBuckets.Bucket bucket = new TimeBuckets("'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH", 6 * 3_600_000L,
        ZoneId.of("UTC"), Locale.US).bucket("year=2026/month=03/day=02/hour=06");
    assertThat(bucket.start()).isEqualTo(Instant.parse("2026-03-02T06:00:00Z"));
    assertThat(bucket.end()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
  }

  @Test
  void fieldTimePathsReadTheTimeFromTheLastSegments() {
    TimeBuckets buckets = new TimeBuckets(HOURLY, -1, ZoneId.of("UTC"), Locale.US);
    assertThat(buckets.bucket("region=eu%2Fwest/year=2026/month=01/day=02/hour=03").start())
        .isEqualTo(Instant.parse("2026-01-02T03:00:00Z"));
  }

  @Test
  void whatTheSinksTimePartitionerWritesReadsBackToTheBucketHoldingTheRecord() {
    ZoneId zone = ZoneId.of("America/New_York");
    TimePartitioner partitioner = new TimePartitioner(HOURLY, 900_000L, zone, Locale.US);
    TimeBuckets buckets = new TimeBuckets(HOURLY, 900_000L, zone, Locale.US);
    for (long t = Instant.parse("2026-03-08T00:00:00Z").toEpochMilli(); t < Instant.parse("2026-03-09T00:00:00Z")
        .toEpochMilli(); t += 7 * 60_000L) {
      TimeBuckets.Bucket bucket = buckets.bucket(partitioner.encode(null, t));
      assertThat(bucket.overlaps(Optional.of(Instant.ofEpochMilli(t)), Optional.of(Instant.ofEpochMilli(t + 1))))
          .as("record at %s", Instant.ofEpochMilli(t)).isTrue();
    }
  }

  @Test
  void overlapIsFromInclusiveToExclusive() {
    TimeBuckets.Bucket bucket = new TimeBuckets.Bucket(Instant.parse("2026-01-01T10:00:00Z"),
        Instant.parse("2026-01-01T11:00:00Z"));
    assertThat(bucket.overlaps(Optional.of(Instant.parse("2026-01-01T11:00:00Z")), Optional.empty())).isFalse();
    assertThat(bucket.overlaps(Optional.of(Instant.parse("2026-01-01T10:59:59Z")), Optional.empty())).isTrue();
    assertThat(bucket.overlaps(Optional.empty(), Optional.of(Instant.parse("2026-01-01T10:00:00Z")))).isFalse();
    assertThat(bucket.overlaps(Optional.empty(), Optional.of(Instant.parse("2026-01-01T10:00:01Z")))).isTrue();
  }

  @Test
  void aPathWithoutTheFormatIsAnErrorNamingPathAndFormat() {
    TimeBuckets buckets = new TimeBuckets(HOURLY, -1, ZoneId.of("UTC"), Locale.US);
    assertThatThrownBy(() -> buckets.bucket("partition=0")).hasMessageContaining("partition=0")
        .hasMessageContaining(HOURLY);
    assertThatThrownBy(() -> buckets.bucket("a/b/c/partition=0")).hasMessageContaining("a/b/c/partition=0");
  }
}
