package io.streamlake.connect.s3.catalog;

import static io.streamlake.connect.s3.catalog.CatalogConfigs.hourlyParquet;
import static io.streamlake.connect.s3.catalog.CatalogConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamlake.connect.s3.config.S3SinkConfig;
import io.streamlake.connect.s3.partition.Partitioners;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TableLayoutTest {

  @Test
  void hourlyPathFormatProjectsFourIntegerKeysWithDigits() {
    TableLayout layout = TableLayout.of(new S3SinkConfig(hourlyParquet()));
    assertThat(layout.keys()).extracting(TableLayout.PartitionKey::name).containsExactly("year", "month", "day", "hour");
    assertThat(layout.keys()).extracting(TableLayout.PartitionKey::type)
        .containsExactly("bigint", "string", "string", "string");
    Map<String, String> p = layout.projectionParameters("s3://lake/topics/orders/");
    assertThat(p).containsEntry("projection.enabled", "true")
        .containsEntry("projection.year.type", "integer").containsEntry("projection.year.range", "2020,2099")
        .doesNotContainKey("projection.year.digits")
        .containsEntry("projection.month.type", "integer").containsEntry("projection.month.range", "1,12")
        .containsEntry("projection.month.digits", "2")
        .containsEntry("projection.day.range", "1,31").containsEntry("projection.day.digits", "2")
        .containsEntry("projection.hour.range", "0,23").containsEntry("projection.hour.digits", "2")
        .containsEntry("storage.location.template",
            "s3://lake/topics/orders/year=${year}/month=${month}/day=${day}/hour=${hour}/");
  }

  @Test
  void everyHourOfAYearRenderedByThePartitionerIsCovered() {
    S3SinkConfig config = new S3SinkConfig(hourlyParquet());
    TableLayout layout = TableLayout.of(config);
    var partitioner = Partitioners.create(config);
    long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (long t = start; t < start + 366L * 86_400_000L; t += 3_600_000L) {
      String encoded = partitioner.encode(record(), t);
      assertThat(layout.covers(encoded)).as(encoded).isTrue();
    }
  }

  @Test
  void keysOutsideTheRangesOrDigitsAreNotCovered() {
    TableLayout layout = TableLayout.of(new S3SinkConfig(hourlyParquet()));
    assertThat(layout.covers("year=2026/month=12/day=31/hour=23")).isTrue();
    assertThat(layout.covers("year=2019/month=12/day=31/hour=23")).isFalse(); // before glue.projection.start
    assertThat(layout.covers("year=2026/month=7/day=31/hour=23")).isFalse(); // Athena generates 07
    assertThat(layout.covers("year=2026/month=13/day=01/hour=00")).isFalse();
    assertThat(layout.covers("year=2026/month=12/day=31")).isFalse();
    assertThat(layout.covers("yr=2026/month=12/day=31/hour=23")).isFalse();
  }

  @Test
  void defaultPartitionerProjectsKafkaPartitionsUpToTheConfiguredMax() {
    TableLayout layout = TableLayout.of(with(hourlyParquet(), "partitioner.class", "default",
        "glue.projection.kafka.partition.max", "31"));
    assertThat(layout.projectionParameters("s3://b/t/")).containsEntry("projection.partition.type", "integer")
        .containsEntry("projection.partition.range", "0,31")
        .containsEntry("storage.location.template", "s3://b/t/partition=${partition}/");
    assertThat(layout.covers("partition=31")).isTrue();
    assertThat(layout.covers("partition=32")).isFalse();
    assertThat(layout.covers("partition=07")).isFalse();
  }

  @Test
  void fieldPartitionerKeysAreInjectedStrings() {
    TableLayout layout = TableLayout.of(with(hourlyParquet(), "partitioner.class", "field-time",
        "partition.field.name", "customer.region", "path.format", "'dt'=YYYY-MM-dd"));
    assertThat(layout.keys()).extracting(TableLayout.PartitionKey::name).containsExactly("region", "dt");
    assertThat(layout.keys().get(0).type()).isEqualTo("string");
    Map<String, String> p = layout.projectionParameters("s3://b/t/");
    assertThat(p).containsEntry("projection.region.type", "injected")
        .containsEntry("projection.dt.type", "date").containsEntry("projection.dt.format", "yyyy-MM-dd")
        .containsEntry("projection.dt.range", "2020-01-01,NOW").containsEntry("projection.dt.interval", "1")
        .containsEntry("projection.dt.interval.unit", "DAYS")
        .containsEntry("storage.location.template", "s3://b/t/region=${region}/dt=${dt}/");
    assertThat(layout.covers("region=eu/dt=2026-12-31")).isTrue();
    assertThat(layout.covers("region=eu/dt=2026-13-31")).isFalse();
  }

  @Test
  void compositeSegmentsAreDatesWithTheSegmentsFormatAndZoneAheadOfUtcExtendsNow() {
    TableLayout layout = TableLayout.of(with(hourlyParquet(), "path.format", "YYYY/MM/dd/'h'HH",
        "timezone", "Asia/Tokyo"));
    assertThat(layout.keys()).extracting(TableLayout.PartitionKey::name)
        .containsExactly("year", "month", "day", "hour");
    assertThat(layout.projectionParameters("s3://b/t/"))
        .containsEntry("storage.location.template", "s3://b/t/${year}/${month}/${day}/h${hour}/");
    assertThat(layout.covers("2026/12/31/h23")).isTrue();

    TableLayout dated = TableLayout.of(with(hourlyParquet(), "path.format", "'dh'=YYYY-MM-dd-HH",
        "timezone", "Asia/Tokyo", "glue.projection.start", "2024-03-01"));
    assertThat(dated.projectionParameters("s3://b/t/")).containsEntry("projection.dh.format", "yyyy-MM-dd-HH")
        .containsEntry("projection.dh.range", "2024-03-01-00,NOW+9HOURS")
        .containsEntry("projection.dh.interval.unit", "HOURS");
  }

  @Test
  void fifteenMinuteBucketsStepTheMinuteRange() {
    TableLayout layout = TableLayout.of(with(hourlyParquet(), "path.format", "'dt'=YYYY-MM-dd/'minute'=mm",
        "partition.duration.ms", "900000"));
    assertThat(layout.projectionParameters("s3://b/t/")).containsEntry("projection.minute.range", "0,59")
        .containsEntry("projection.minute.interval", "15").containsEntry("projection.minute.digits", "2");
    assertThat(layout.covers("dt=2026-01-01/minute=45")).isTrue();
    assertThat(layout.covers("dt=2026-01-01/minute=44")).isFalse();
  }

  @Test
  void constantNamedSegmentIsAnEnumOfOneValue() {
    TableLayout layout = TableLayout.of(with(hourlyParquet(), "path.format", "'source'='kafka'/'year'=YYYY"));
    assertThat(layout.projectionParameters("s3://b/t/")).containsEntry("projection.source.type", "enum")
        .containsEntry("projection.source.values", "kafka");
    assertThat(layout.covers("source=kafka/year=2026")).isTrue();
  }

  @Test
  void textFieldsCannotBeProjectedAndConfigSaysSoNamingTheKeys() {
    assertThatThrownBy(() -> with(hourlyParquet(), "path.format", "'month'=MMM/'day'=dd"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("path.format").hasMessageContaining("glue.projection.enabled")
        .hasMessageContaining("month names");
    assertThatThrownBy(() -> with(hourlyParquet(), "path.format", "'d'=EEE"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'EEE'");
    // Without projection the same format is accepted (partitions registered by other means).
    with(hourlyParquet(), "path.format", "'month'=MMM/'day'=dd", "glue.projection.enabled", "false");
  }

  @Test
  void glueOptionsAreValidatedNamingEveryKey() {
    assertThatThrownBy(() -> with(hourlyParquet(), "glue.database", ""))
        .isInstanceOf(ConfigException.class).hasMessageContaining("glue.database").hasMessageContaining("glue.enabled");
    assertThatThrownBy(() -> with(hourlyParquet(), "glue.table.name", "events", "topics", "a,b"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("glue.table.name").hasMessageContaining("topics");
    assertThatThrownBy(() -> with(hourlyParquet(), "glue.projection.start", "2020-13-01"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("glue.projection.start");
  }

  @Test
  void tableNamesAreGlueLegal() {
    S3SinkConfig config = with(hourlyParquet(), "glue.table.name", "raw_${topic}");
    assertThat(config.glueTableName("Orders.V1-eu")).isEqualTo("raw_orders_v1_eu");
  }

  private static SinkRecord record() {
    Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    return new SinkRecord("orders", 0, null, null, schema, new Struct(schema).put("id", 1L), 0);
  }
}
