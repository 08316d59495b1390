package io.streamlake.connect.s3.partition;

import io.streamlake.connect.s3.path.PathFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PathFormatTest {

  private static final String HOURLY = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";

  @Test
  void jodaUpperCaseYearIsTheCalendarYearAtTheYearBoundary() {
    long newYearsEve = Instant.parse("2026-12-31T23:30:00Z").toEpochMilli();
    PathFormat format = new PathFormat(HOURLY, ZoneOffset.UTC, Locale.US);
    assertThat(format.format(newYearsEve)).isEqualTo("year=2026/month=12/day=31/hour=23");
    // java.time's YYYY is the week-based year: the mistake this class exists to avoid.
    assertThat(DateTimeFormatter.ofPattern("YYYY").withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(newYearsEve)))
        .isEqualTo("2027");
  }

  @Test
  void formatsInTheConfiguredZone() {
    long instant = Instant.parse("2026-01-01T02:00:00Z").toEpochMilli();
    PathFormat format = new PathFormat(HOURLY, ZoneId.of("America/New_York"), Locale.US);
    assertThat(format.format(instant)).isEqualTo("year=2025/month=12/day=31/hour=21");
  }

  @Test
  void quotedTextStaysLiteral() {
    assertThat(PathFormat.toJavaPattern("'dt'=yyyy-MM-dd")).isEqualTo("'dt'=yyyy-MM-dd");
    assertThat(PathFormat.toJavaPattern("'year'=YYYY")).isEqualTo("'year'=yyyy");
  }

  @Test
  void unsupportedLetterIsRejected() {
    assertThatThrownBy(() -> PathFormat.toJavaPattern("YYYY/Q")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Q'");
  }

  @Test
  void timePartitionerFloorsToTheDurationInTheZone() {
    // India is UTC+05:30: 15-minute buckets start at :00/:15/:30/:45 local time.
    TimePartitioner partitioner = new TimePartitioner("HH:mm", 15 * 60_000L, ZoneId.of("Asia/Kolkata"), Locale.US);
    long t = Instant.parse("2026-03-01T10:07:00Z").toEpochMilli(); // 15:37 local
    assertThat(partitioner.encode(null, t)).isEqualTo("15:30");
  }

  @Test
  void dailyBucketsFollowLocalMidnight() {
    TimePartitioner partitioner = new TimePartitioner("'day'=dd/'hour'=HH", 86_400_000L, ZoneId.of("Europe/Berlin"),
        Locale.US);
    long t = Instant.parse("2026-06-30T23:30:00Z").toEpochMilli(); // 01:30 on July 1st in Berlin
    assertThat(partitioner.encode(null, t)).isEqualTo("day=01/hour=00");
  }
}
